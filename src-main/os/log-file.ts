// Log sinks for the hosts: <dataDir>/logs/ridgeline.log, and the console when a person is watching.
// The file rotates by size (ridgeline.log.1 is the newest old one), so it never grows without end.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from '../core/lib/logger';

export const LOG_MAX_BYTES = 10 * 1024 * 1024;
export const LOG_KEEP = 3;

export interface FileSinkOptions {
  name?: string;
  /** The file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  keep?: number;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    try {
      renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    } catch {
      // Fewer old files than `keep` so far.
    }
  }
  if (keep > 0) renameSync(file, `${file}.1`);
  else rmSync(file, { force: true });
}

/** The directory is made on the first line, so a host that fails to start leaves no empty one. */
export function fileSink(dir: string, options: FileSinkOptions = {}): LogSink {
  const file = join(dir, options.name ?? 'ridgeline.log');
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  let size: number | undefined;
  return {
    write: (line) => {
      if (size === undefined) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        size = sizeOf(file);
      }
      const text = `${line}\n`;
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > maxBytes) {
        rotate(file, keep);
        size = 0;
      }
      appendFileSync(file, text, { mode: 0o600 });
      size += bytes;
    },
  };
}

export const consoleSink: LogSink = { write: (line) => process.stderr.write(`${line}\n`) };
