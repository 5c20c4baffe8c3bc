// What a transport must do: invoke a call by name and stream push events with a connection state.
import type { PushEventName, PushMessage } from './contract-types';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

export interface PushHandlers {
  onMessage(message: PushMessage): void;
  /** 'live' is reported on every (re)connection, so a listener can refetch what it missed. */
  onStatus(status: ConnectionStatus): void;
  /** The stream found the session gone; it stops retrying. */
  onUnauthorized(): void;
}

export interface Transport {
  /** Resolves with the call's output or rejects with an ApiError. */
  invoke(name: string, input: unknown): Promise<unknown>;
  listen(handlers: PushHandlers): () => void;
}

// EventSource needs every event name up front. Typing this as a record over PushEventName makes the
// compiler point here when the contract gains an event, so the list cannot silently fall behind.
const pushEvents: Record<PushEventName, true> = {
  'task:created': true,
  'task:updated': true,
  'task:progress': true,
  'task:deleted': true,
  'run:queued': true,
  'schedule:fired': true,
  'scheduler:updated': true,
  'run:updated': true,
  'run:log': true,
  'approval:created': true,
  'approval:updated': true,
  'settings:updated': true,
};
export const pushEventNames = Object.keys(pushEvents) as PushEventName[];

export function isPushEventName(name: string): name is PushEventName {
  return Object.hasOwn(pushEvents, name);
}
