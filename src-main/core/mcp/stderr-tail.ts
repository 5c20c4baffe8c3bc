// The stderr of an MCP server, which is its log by convention: each complete line goes to the
// logger (redacted there), and the last lines are kept to explain a server that fails. Lines are
// masked before they are cut, so no piece of a known secret survives a cut.
import type { SecretMasker } from '../lib/redact';

const KEEP_LINES = 20;
const MAX_LINE_CHARS = 1000;

export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly masker: SecretMasker,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    const partial = parts.pop() ?? '';
    // An unfinished line is kept whole while it is short: a secret in it may still be arriving.
    this.partial = partial.length > MAX_LINE_CHARS ? this.masker.tail(partial, MAX_LINE_CHARS) : partial;
    for (const part of parts) this.add(part);
  }

  /** The kept lines, with an unfinished last line if there is one. */
  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].join('\n');
  }

  private add(raw: string): void {
    const line = raw.length > MAX_LINE_CHARS ? `${this.masker.head(raw, MAX_LINE_CHARS)}...` : raw;
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
    this.onLine(line);
  }
}
