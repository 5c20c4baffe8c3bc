// The stderr of an MCP server, which is its log by convention: each complete line goes to the
// logger (redacted there), and the last lines are kept to explain a server that fails.
const KEEP_LINES = 20;
const MAX_LINE_CHARS = 1000;

export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-MAX_LINE_CHARS);
    for (const part of parts) this.add(part);
  }

  /** The kept lines, with an unfinished last line if there is one. */
  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].join('\n');
  }

  private add(raw: string): void {
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}...` : raw;
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
    this.onLine(line);
  }
}
