// Benchmark results: a table for the person running it, and JSON for the record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Target {
  /** The metric passes when it is below (or at most) this value; with direction 'min', above (or at least). */
  value: number;
  inclusive: boolean;
  /** 'max' (the default): value is an upper bound; 'min': a lower bound. */
  direction?: 'max' | 'min';
}

export interface ScenarioResult {
  scenario: string;
  metrics: Record<string, number>;
  targets: Record<string, Target>;
  notes: string[];
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export function meets(value: number, target: Target): boolean {
  if (target.direction === 'min') return target.inclusive ? value >= target.value : value > target.value;
  return target.inclusive ? value <= target.value : value < target.value;
}

function goal(target: Target): string {
  const min = target.direction === 'min';
  return `${min ? '>' : '<'}${target.inclusive ? '=' : ''} ${target.value}`;
}

export function report(result: ScenarioResult, resultsDir: string): string {
  const rows = Object.entries(result.metrics).map(([name, value]) => {
    const target = result.targets[name];
    const verdict = target ? (meets(value, target) ? 'ok' : 'MISSED') : '';
    return [name, String(value), target ? goal(target) : '', verdict];
  });
  const header = ['metric', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');

  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.scenario}.json`);
  const targets = Object.fromEntries(Object.entries(result.targets).map(([k, t]) => [k, t.value]));
  writeFileSync(file, `${JSON.stringify({ scenario: result.scenario, metrics: result.metrics, targets }, null, 2)}\n`);
  return `${table}\n\n${result.notes.map((n) => `- ${n}`).join('\n')}\nWritten to ${file}`;
}
