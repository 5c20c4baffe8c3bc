// Structured logging: one JSON object per line, redacted before it is written.
import type { Redactor } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LogSink {
  write(line: string): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: {
  sinks: LogSink[];
  redactor: Redactor;
  now: () => number;
  level?: LogLevel;
  fields?: LogFields;
}): Logger {
  const min = order[options.level ?? 'info'];
  const base = options.fields ?? {};
  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (order[level] < min) return;
    const record = options.redactor.value({
      time: new Date(options.now()).toISOString(),
      level,
      msg: message,
      ...base,
      ...fields,
    });
    const line = JSON.stringify(record);
    for (const sink of options.sinks) sink.write(line);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}
