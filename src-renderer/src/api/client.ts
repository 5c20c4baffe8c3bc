// The typed API client: call names and input/output types come from the contract, so a call
// site can only name a real call and pass what it accepts. Picks IPC or HTTP once, at start.
import { ApiError } from './api-error';
import type { CallInput, CallName, CallOutput } from './contract-types';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { PushHandlers, Transport } from './transport';

export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  listen(handlers: Omit<PushHandlers, 'onUnauthorized'>): () => void;
  /** Told whenever the server says the session is missing or expired. */
  onUnauthorized(listener: () => void): () => void;
}

export function createApiClient(transport: Transport = pickTransport()): ApiClient {
  const unauthorizedListeners = new Set<() => void>();
  const reportUnauthorized = () => unauthorizedListeners.forEach((listener) => listener());

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
      return transport.listen({ ...handlers, onUnauthorized: reportUnauthorized });
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
