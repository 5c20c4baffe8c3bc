// Errors that cross a boundary carry a stable code, a human message and structured details.
import type { z } from 'zod';

export const errorCodes = [
  'validation_failed',
  'not_found',
  'conflict',
  'unknown_call',
  'unauthorized',
  'forbidden',
  'data_dir_in_use',
  'database_too_new',
  'data_dir_unusable',
  'not_started',
  'timed_out',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

const marker = Symbol.for('ridgeline.AppError');

export class AppError extends Error {
  readonly [marker] = true;
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** True for AppErrors, even ones created by another copy of this module. */
  static isInstance(value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `${what} ${id} does not exist.`, { id });
}

/** What a thrown value says: an error's message, anything else as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Any thrown value as an error payload; unexpected errors keep their message but no stack. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (AppError.isInstance(error)) return error.toPayload();
  return { code: 'internal', message: `Internal error: ${errorText(error)}`, details: {} };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' && (errorCodes as readonly string[]).includes(v.code) && typeof v.message === 'string'
  );
}

interface ValidationIssue {
  path: string;
  message: string;
}

/** Renders a zod path the way a person reads it: steps[2].with.prompt */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function validationError(call: string, error: z.ZodError): AppError {
  const issues: ValidationIssue[] = error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new AppError('validation_failed', `Invalid input for ${call}: ${text}`, { call, issues });
}
