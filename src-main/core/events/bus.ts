// The push-event spine: typed, in-process, synchronous fan-out to the UI transports and hosts.
import type { PushEventName, PushEvents, PushMessage } from './push-events';

export type PushListener = (message: PushMessage) => void;

export interface EventBus {
  emit<K extends PushEventName>(event: K, data: PushEvents[K]): void;
  subscribe(listener: PushListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<PushListener>();
  return {
    emit(event, data) {
      const message = { event, data } as PushMessage;
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
