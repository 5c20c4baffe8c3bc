// Log sinks for the hosts: <dataDir>/logs/ridgeline.log, and the console when a person is watching.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from '../core/lib/logger';

export function fileSink(dir: string, name = 'ridgeline.log'): LogSink {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  return { write: (line) => appendFileSync(file, `${line}\n`, { mode: 0o600 }) };
}

export const consoleSink: LogSink = { write: (line) => process.stderr.write(`${line}\n`) };
