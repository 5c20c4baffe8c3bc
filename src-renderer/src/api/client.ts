// The typed API client: call names and input/output types come from the contract, so a call
// site can only name a real call and pass what it accepts. Picks IPC or HTTP once, at start, and
// shares one event stream among all listeners (the board, the scheduler control).
import { ApiError } from './api-error';
import type { CallInput, CallName, CallOutput, PushMessage } from './contract-types';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { ConnectionStatus, PushHandlers, Transport } from './transport';

type Listener = Omit<PushHandlers, 'onUnauthorized'>;

export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /** Joins the shared event stream; a listener joining late is told the current status at once. */
  listen(handlers: Listener): () => void;
  /** Told whenever the server says the session is missing or expired. */
  onUnauthorized(listener: () => void): () => void;
}

export function createApiClient(transport: Transport = pickTransport()): ApiClient {
  const unauthorizedListeners = new Set<() => void>();
  const reportUnauthorized = () => unauthorizedListeners.forEach((listener) => listener());
  const listeners = new Set<Listener>();
  let stopStream: (() => void) | null = null;
  let streamStatus: ConnectionStatus | null = null;

  const startStream = () =>
    transport.listen({
      onMessage: (message: PushMessage) => listeners.forEach((l) => l.onMessage(message)),
      onStatus: (status) => {
        streamStatus = status;
        listeners.forEach((l) => l.onStatus(status));
      },
      onUnauthorized: reportUnauthorized,
    });

  return {
    async call(name, input) {
      try {
        return (await transport.invoke(name, input)) as CallOutput<typeof name>;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthorized') reportUnauthorized();
        throw error;
      }
    },
    listen(handlers) {
      listeners.add(handlers);
      if (stopStream) {
        if (streamStatus) handlers.onStatus(streamStatus);
      } else {
        stopStream = startStream();
      }
      return () => {
        if (!listeners.delete(handlers) || listeners.size > 0) return;
        stopStream?.();
        stopStream = null;
        streamStatus = null;
      };
    },
    onUnauthorized(listener) {
      unauthorizedListeners.add(listener);
      return () => unauthorizedListeners.delete(listener);
    },
  };
}

function pickTransport(): Transport {
  return window.ridgeline ? createIpcTransport(window.ridgeline) : createHttpTransport();
}
