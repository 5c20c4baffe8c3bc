// The desktop transport: calls and push events go through the preload's generic invoke/on bridge.
import { apiErrorFrom } from './api-error';
import type { PushMessage } from './contract-types';
import { isPushEventName, type Transport } from './transport';

export function createIpcTransport(bridge: RidgelineBridge): Transport {
  return {
    async invoke(name, input) {
      const result = await bridge.invoke(name, input);
      if (result.ok) return result.value;
      throw apiErrorFrom(result.error, 'bad_response', `The app answered ${name} with an unreadable error.`);
    },
    listen({ onMessage, onStatus }) {
      // IPC cannot drop while the window lives, so the stream is live from the start.
      const unsubscribe = bridge.on((message) => {
        if (isPushEventName(message.event)) onMessage(message as PushMessage);
      });
      onStatus('live');
      return unsubscribe;
    },
  };
}
