// LiveCall, the engine of the board's useLiveCall hook, against a real runtime on a real SQLite
// file: the board's own API client and IPC transport, joined to the desktop host's real invoke
// handler. Only Electron's IPC pipe between them (ipcRenderer/ipcMain) is replaced by a direct
// call, because no Electron binary runs here; the bridge can hold an answer back, to make answers
// arrive out of order as they can over a real pipe.
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src-renderer/src/api/client';
import type { BoardTask, CallName, CallOutput, Page, PushMessage } from '../../../src-renderer/src/api/contract-types';
import { createIpcTransport } from '../../../src-renderer/src/api/ipc-transport';
import { LiveCall, type LiveCallOptions, type LiveCallSnapshot } from '../../../src-renderer/src/api/live-call';
import { createLogger } from '../../../src-main/core/lib/logger';
import { Redactor } from '../../../src-main/core/lib/redact';
import { createInvokeHandler } from '../../../src-main/desktop/invoke-handler';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../src-main/desktop/security';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

let current: TestRuntime | undefined;
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await current?.runtime.stop();
  current = undefined;
});

const board = { frameUrl: APP_ENTRY_URL, fromAppWindow: true, fromMainFrame: true };

async function setUp() {
  current = await startedTestRuntime();
  const { runtime } = current;
  const logger = createLogger({ sinks: [], redactor: new Redactor(), now: () => 0 });
  const handle = createInvokeHandler({ invoke: runtime.api.invoke, appOrigin: APP_ORIGIN, logger });
  const calls: string[] = [];
  let streamListeners = 0;
  /** While set, the next answer to this call is computed at once but handed over only on release. */
  let hold: { name: string; released: Promise<void> } | null = null;
  const bridge: RidgelineBridge = {
    async invoke(name, input) {
      calls.push(name);
      const result = await handle(board, name, input);
      if (hold?.name === name) {
        const { released } = hold;
        hold = null;
        await released;
      }
      return result;
    },
    on(listener) {
      streamListeners += 1;
      const unsubscribe = runtime.api.subscribe((message) => listener(message));
      return () => {
        streamListeners -= 1;
        unsubscribe();
      };
    },
  };
  const api = createApiClient(createIpcTransport(bridge));

  function holdNext(name: CallName): () => void {
    let release = () => {};
    hold = { name, released: new Promise<void>((resolve) => (release = resolve)) };
    return release;
  }

  function live<K extends CallName, T = CallOutput<K>>(name: K, options: LiveCallOptions<K, T> = {}) {
    const call = new LiveCall<K, T>(api, name, { current: options });
    stops.push(call.start());
    return call;
  }

  /** Resolves with the next push of this event the runtime sends. */
  function nextPush(event: PushMessage['event']): Promise<void> {
    return new Promise((resolve) => {
      const stop = runtime.api.subscribe((message) => {
        if (message.event !== event) return;
        stop();
        resolve();
      });
    });
  }

  const count = (name: string) => calls.filter((c) => c === name).length;
  return { runtime, live, holdNext, nextPush, count, streamListeners: () => streamListeners };
}

function until<T>(
  call: Pick<LiveCall<CallName, T>, 'read' | 'watch'>,
  test: (s: LiveCallSnapshot<T>) => boolean,
): Promise<LiveCallSnapshot<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; last snapshot ${JSON.stringify(call.read())}`)), 5000);
    const check = () => {
      if (!test(call.read())) return;
      clearTimeout(timer);
      stop();
      resolve(call.read());
    };
    const stop = call.watch(check);
    check();
  });
}

/** For what no watcher is told about (how often a call was asked). */
async function eventually(test: () => boolean): Promise<void> {
  for (let waited = 0; !test(); waited += 5) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets timers of 0 ms and pushes in flight run, so "nothing happened" is checked after they could. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const key = (name: CallName, input: unknown) => JSON.stringify([name, input]);
const titles = (s: LiveCallSnapshot<Page<BoardTask>>) => s.value?.items.map((t) => t.title).sort();

describe('LiveCall', () => {
  it('asks again after a push event it names, and not after one it does not', async () => {
    const t = await setUp();
    const tasks = t.live('tasks.list', { refetchOn: ['task:updated'] });
    tasks.request(key('tasks.list', {}));
    await until(tasks, (s) => s.value?.total === 0);

    const created = t.nextPush('task:created');
    const task = await t.runtime.api.call('tasks.create', { title: 'Morning digest' });
    await created;
    await settle();
    expect(t.count('tasks.list')).toBe(1);
    expect(tasks.read().value?.total).toBe(0);

    await t.runtime.api.call('tasks.update', { id: task.id, title: 'Evening digest' });
    const after = await until(tasks, (s) => s.value?.total === 1);
    expect(titles(after)).toEqual(['Evening digest']);
    expect(t.count('tasks.list')).toBe(2);
  });

  it('folds a burst of 20 pushes into at most two refetches, the last one after the burst', async () => {
    const t = await setUp();
    const tasks = t.live('tasks.list', { refetchOn: ['task:created'], throttleMs: 2000 });
    tasks.request(key('tasks.list', {}));
    await until(tasks, (s) => s.value?.total === 0);

    // One push every few milliseconds, each in its own turn of the event loop.
    for (let i = 1; i <= 20; i += 1) {
      await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(tasks, (s) => s.value?.total === 20);
    await settle();
    expect(t.count('tasks.list') - 1).toBeGreaterThanOrEqual(1);
    expect(t.count('tasks.list') - 1).toBeLessThanOrEqual(2);
  });

  it('never lets an older answer replace a newer one that arrived first', async () => {
    const t = await setUp();
    const tasks = t.live('tasks.list', { refetchOn: ['task:created'] });
    tasks.request(key('tasks.list', {}));
    await until(tasks, (s) => s.value?.total === 0);

    // The refetch after the first task answers late, with one task; the one after the second
    // answers at once, with two.
    const release = t.holdNext('tasks.list');
    await t.runtime.api.call('tasks.create', { title: 'First' });
    await eventually(() => t.count('tasks.list') === 2);
    await t.runtime.api.call('tasks.create', { title: 'Second' });
    await until(tasks, (s) => s.value?.total === 2);

    release();
    await settle();
    expect(titles(tasks.read())).toEqual(['First', 'Second']);
  });

  it('drops the answer to an input that changed meanwhile', async () => {
    const t = await setUp();
    await t.runtime.api.call('tasks.create', { title: 'Alpha' });
    await t.runtime.api.call('tasks.create', { title: 'Beta' });
    const tasks = t.live('tasks.list');
    const release = t.holdNext('tasks.list');
    tasks.request(key('tasks.list', { search: 'alpha' }));
    tasks.request(key('tasks.list', { search: 'beta' }));
    await until(tasks, (s) => s.value !== undefined);

    release();
    await settle();
    expect(titles(tasks.read())).toEqual(['Beta']);
    expect(tasks.read().answerKey).toBe(key('tasks.list', { search: 'beta' }));
  });

  it('applies a push that came while the request was in flight onto its older answer', async () => {
    const t = await setUp();
    const tasks = t.live<'tasks.list', Array<{ title: string }>>('tasks.list', {
      select: (page) => page.items,
      apply: (list, message) => (message.event === 'task:created' ? [...list, message.data.task] : list),
    });
    const release = t.holdNext('tasks.list');
    tasks.request(key('tasks.list', {}));
    expect(t.count('tasks.list')).toBe(1);
    // The answer was computed before this task existed.
    const created = t.nextPush('task:created');
    await t.runtime.api.call('tasks.create', { title: 'Pushed while in flight' });
    await created;

    release();
    const answered = await until(tasks, (s) => s.value !== undefined);
    expect(answered.value?.map((task) => task.title)).toEqual(['Pushed while in flight']);
  });

  it('reports a failed call with its code, keeping the last value, and clears it on success', async () => {
    const t = await setUp();
    const other = await t.runtime.api.call('tasks.create', { title: 'Other' });
    const task = await t.runtime.api.call('tasks.create', { title: 'Kept' });
    const details = t.live('tasks.get');
    details.request(key('tasks.get', { id: task.id }));
    await until(details, (s) => s.value?.title === 'Kept');

    await t.runtime.api.call('tasks.delete', { id: task.id });
    await details.refetch();
    expect(details.read().error?.code).toBe('not_found');
    expect(details.read().value?.title).toBe('Kept');

    details.request(key('tasks.get', { id: other.id }));
    await until(details, (s) => s.value?.title === 'Other');
    expect(details.read().error).toBeNull();
  });

  it('waits for typing to stop before asking, and asks once', async () => {
    const t = await setUp();
    const tasks = t.live('tasks.list', { debounceMs: 100 });
    for (const search of ['m', 'mo', 'mor', 'morn']) tasks.request(key('tasks.list', { search }));
    await until(tasks, (s) => s.answerKey !== null);
    expect(t.count('tasks.list')).toBe(1);
    expect(tasks.read().answerKey).toBe(key('tasks.list', { search: 'morn' }));
  });

  it('once stopped, drops the answer in flight, asks nothing more and leaves the event stream', async () => {
    const t = await setUp();
    const tasks = t.live('tasks.list', { refetchOn: ['task:created'] });
    const release = t.holdNext('tasks.list');
    tasks.request(key('tasks.list', {}));
    expect(t.count('tasks.list')).toBe(1);
    expect(t.streamListeners()).toBe(1);
    let told = 0;
    tasks.watch(() => (told += 1));

    stops.splice(0).forEach((stop) => stop());
    expect(t.streamListeners()).toBe(0);
    await t.runtime.api.call('tasks.create', { title: 'After unmount' });
    release();
    await settle();
    expect(told).toBe(0);
    expect(tasks.read().value).toBeUndefined();
    expect(t.count('tasks.list')).toBe(1);
  });
});
