// The one error type the API client throws, whatever the transport: { code, message, details }.
import type { ErrorCode } from './contract-types';

/** Codes the server sends, plus the two the client itself can hit on the way there. */
export type ApiErrorCode = ErrorCode | 'network_error' | 'bad_response';

export interface ValidationIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The per-field issues of a validation_failed error, or none. */
  get issues(): ValidationIssue[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details.issues)) return [];
    return this.details.issues.filter(isIssue);
  }
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.message === 'string';
}

/** Builds an ApiError from whatever the other side sent as an error body. */
export function apiErrorFrom(body: unknown, fallbackCode: ApiErrorCode, fallbackMessage: string): ApiError {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.code === 'string' && typeof b.message === 'string') {
      const details = typeof b.details === 'object' && b.details !== null ? (b.details as Record<string, unknown>) : {};
      return new ApiError(b.code as ApiErrorCode, b.message, details);
    }
  }
  return new ApiError(fallbackCode, fallbackMessage);
}
