// The running host's API over HTTP, shaped like the runtime's own (call and subscribe), so the
// tray reads the same state whether the runtime is in this process or in the background service.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../core/api/contract';
import type { PushListener } from '../core/events/bus';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import { connect } from '../cli/ridgeline/host-client';
import { readHostFile, TOKEN_FILE } from '../os/host-file';
import type { HostProbe } from './host-mode';

const RECONNECT_MS = 2_000;

/** Looks for a host serving the data directory and asks it app.info. */
export async function probeHost(dataDir: string): Promise<HostProbe> {
  const record = readHostFile(dataDir);
  let token: string | undefined;
  try {
    token = readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim() || undefined;
  } catch {
    token = undefined;
  }
  if (!record || !token) return { record, answering: false, token };
  try {
    await connect(dataDir).call('app.info', {});
    return { record, answering: true, token };
  } catch {
    return { record, answering: false, token };
  }
}

export interface RemoteApi extends Pick<RuntimeApi, 'call' | 'subscribe'> {
  close(): void;
}

export function remoteApi(dataDir: string, logger: Logger): RemoteApi {
  const listeners = new Set<PushListener>();
  const controller = new AbortController();

  async function stream(): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        const events = await connect(dataDir).events(controller.signal);
        for await (const message of events) for (const listener of listeners) listener(message);
      } catch (error) {
        if (controller.signal.aborted) return;
        logger.debug('The host event stream dropped; reconnecting', { error: String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }
  void stream();

  return {
    call: <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> =>
      connect(dataDir).call(name, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => controller.abort(),
  };
}
