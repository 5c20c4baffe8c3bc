// What the CLI prints for people: aligned tables, statuses in colour on a terminal (never with
// NO_COLOR set or when stdout is a pipe or a file), times in the display timezone with its abbreviation.
import { formatDateTime, msAt } from '../../core/lib/time-format';

export interface Output {
  json: boolean;
  colour: boolean;
  timezone: string;
  write(text: string): void;
}

/** https://no-color.org: a NO_COLOR that is present and not empty turns colour off. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

const codes = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;
type Style = keyof typeof codes;

export function paint(out: Output, style: Style, text: string): string {
  return out.colour ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}

const statusStyles: Record<string, Style> = {
  succeeded: 'green',
  complete: 'green',
  running: 'blue',
  queued: 'dim',
  scheduled: 'dim',
  pending: 'yellow',
  awaiting_approval: 'yellow',
  halted: 'yellow',
  blocked: 'yellow',
  failed: 'red',
  timed_out: 'red',
  cancelled: 'dim',
  rejected: 'red',
  approved: 'green',
};

export function status(out: Output, value: string): string {
  const style = statusStyles[value];
  return style ? paint(out, style, value) : value;
}

export function time(out: Output, iso: string | null | undefined): string {
  const ms = msAt(iso ?? null);
  return ms === null || Number.isNaN(ms) ? '-' : formatDateTime(ms, out.timezone);
}

export function money(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

// eslint-disable-next-line no-control-regex -- the escape codes paint() writes
const ansi = /\u001b\[[0-9;]*m/g;
const width = (text: string): number => text.replace(ansi, '').length;

export function table(out: Output, headers: string[], rows: string[][]): string {
  if (rows.length === 0) return paint(out, 'dim', '(none)');
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [paint(out, 'bold', line(headers)), ...rows.map(line)].join('\n');
}

export function heading(out: Output, text: string): string {
  return paint(out, 'bold', text);
}

/** Label-value lines, labels aligned. */
export function fields(pairs: [string, string][]): string {
  const pad = Math.max(...pairs.map(([label]) => label.length)) + 2;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(pad)}${value}`).join('\n');
}

export function printJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Shortens one-line text for a table cell. */
export function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
