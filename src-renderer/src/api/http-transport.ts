// The headless transport: POST /api/<call> with JSON, push events over server-sent events.
// Auth is an HttpOnly session cookie the server set when the user opened the link with the token.
import { ApiError, apiErrorFrom } from './api-error';
import type { PushMessage } from './contract-types';
import { pushEventNames, type PushHandlers, type Transport } from './transport';

const API_PREFIX = '/api/';
const EVENTS_PATH = '/api/events';
const MAX_RETRY_MS = 10_000;

async function invoke(name: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError('network_error', 'Cannot reach the Ridgeline server. Is `npm run serve` still running?');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body;
  const fallbackCode = response.status === 401 ? 'unauthorized' : 'bad_response';
  throw apiErrorFrom(body, fallbackCode, `The server answered ${name} with HTTP ${response.status}.`);
}

function listen(handlers: PushHandlers): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = 500;
  let stopped = false;

  const connect = () => {
    source = new EventSource(EVENTS_PATH, { withCredentials: true });
    source.onopen = () => {
      retryMs = 500;
      handlers.onStatus('live');
    };
    source.onerror = () => {
      handlers.onStatus('reconnecting');
      // The browser retries by itself after a dropped stream, but gives up for good when the server
      // answers with an error status (a restart, an expired session); then we retry ourselves.
      if (source?.readyState === EventSource.CLOSED) {
        source = null;
        retryTimer = setTimeout(reconnect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    };
    for (const event of pushEventNames) {
      source.addEventListener(event, (e) => {
        try {
          handlers.onMessage({ event, data: JSON.parse((e as MessageEvent<string>).data) } as PushMessage);
        } catch {
          // A garbled message is dropped; the next reconnect refetches the whole list anyway.
        }
      });
    }
  };

  const reconnect = () => {
    if (stopped) return;
    // Ask a cheap call first: if the session is gone it fails as unauthorized, which the client
    // reports, instead of the stream retrying forever in silence.
    invoke('app.info', {}).then(connect, (error: unknown) => {
      if (error instanceof ApiError && error.code === 'unauthorized') return handlers.onUnauthorized();
      retryTimer = setTimeout(reconnect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };

  handlers.onStatus('connecting');
  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}

export function createHttpTransport(): Transport {
  return { invoke, listen };
}
