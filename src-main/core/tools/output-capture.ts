// Collects one output stream of a command: keeps up to a byte cap for the step's result and
// forwards complete lines to the run log as they arrive, so the board shows progress live.
// Wherever it cuts (the cap, the split of an overlong line, the error tail) no piece of a known
// secret is left on either side of the cut.
import { StringDecoder } from 'node:string_decoder';
import type { SecretMasker } from '../lib/redact';
import type { ToolContext, ToolLogStream } from './tool';

export const OUTPUT_CAP_BYTES = 1024 * 1024;
// A line this long without a newline (a progress bar, minified output) is logged in pieces.
const MAX_LINE_CHARS = 64 * 1024;

export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private keptBytes = 0;
  private droppedBytes = 0;
  private readonly decoder = new StringDecoder('utf8');
  private partialLine = '';

  constructor(
    private readonly stream: Exclude<ToolLogStream, 'system'>,
    private readonly log: ToolContext['log'],
    private readonly masker: SecretMasker,
    private readonly capBytes = OUTPUT_CAP_BYTES,
  ) {}

  push(chunk: Buffer): void {
    const kept = chunk.subarray(0, Math.max(0, this.capBytes - this.keptBytes));
    if (kept.length > 0) {
      this.chunks.push(kept);
      this.keptBytes += kept.length;
      this.logLines(this.decoder.write(kept));
    }
    const dropped = chunk.length - kept.length;
    if (dropped === 0) return;
    if (this.droppedBytes === 0) {
      this.flushPartialLine(true);
      this.log({
        stream: 'system',
        level: 'warn',
        message: `${this.stream} passed ${this.capBytes} bytes; the rest is not captured or logged`,
      });
    }
    this.droppedBytes += dropped;
  }

  /** Logs a last line that had no newline. Call once the stream has ended. */
  end(): void {
    if (this.droppedBytes === 0) this.logLines(this.decoder.end());
    this.flushPartialLine(false);
  }

  /** The captured text, with a note when output was cut off at the cap. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    if (this.droppedBytes === 0) return text;
    const kept = this.masker.head(text, text.length, { truncated: true });
    return `${kept}\n[output truncated: ${this.droppedBytes} more bytes not captured]`;
  }

  /** The last `maxChars` characters, masked, for error messages. */
  tail(maxChars = 2_000): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.masker.tail(text, maxChars, { truncated: this.droppedBytes > 0 });
  }

  private logLines(decoded: string): void {
    const lines = (this.partialLine + decoded).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
    while (this.partialLine.length > MAX_LINE_CHARS) {
      // A secret that would straddle the split (or is still arriving) moves whole to the next piece.
      const cut = this.masker.safeCut(this.partialLine, MAX_LINE_CHARS) || MAX_LINE_CHARS;
      this.emit(this.partialLine.slice(0, cut));
      this.partialLine = this.partialLine.slice(cut);
    }
  }

  /** `atCap`: the line ends where the capture stopped, perhaps inside a secret. */
  private flushPartialLine(atCap: boolean): void {
    const line = atCap
      ? this.masker.head(this.partialLine, this.partialLine.length, { truncated: true })
      : this.partialLine;
    if (line !== '') this.emit(line);
    this.partialLine = '';
  }

  private emit(line: string): void {
    this.log({ stream: this.stream, message: line.endsWith('\r') ? line.slice(0, -1) : line });
  }
}
