// Wire conventions shared by the desktop (IPC) and headless (HTTP + SSE) transports.
import type { ErrorCode, ErrorPayload } from '../lib/errors';

export const IPC_INVOKE_CHANNEL = 'ridgeline:invoke';
export const IPC_PUSH_CHANNEL = 'ridgeline:push';

/** What an IPC invoke resolves to: Electron flattens thrown errors, so results say ok or not. */
export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
export const SESSION_COOKIE = 'ridgeline_session';

export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'unknown_call':
      return 404;
    case 'conflict':
    case 'data_dir_in_use':
    case 'database_too_new':
      return 409;
    case 'not_started':
    case 'data_dir_unusable':
      return 503;
    case 'timed_out':
      return 504;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
