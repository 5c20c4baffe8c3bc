// A queue on a real SQLite file with a fake clock: the store, a worker, and helpers to add tasks
// and queue runs, without the rest of the runtime.
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { join } from 'node:path';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { createEnvSecretStore } from '../../../../src-main/os/secrets-env';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { newId } from '../../../../src-main/core/lib/ids';
import type { Notification } from '../../../../src-main/core/ports';
import type { PushMessage } from '../../../../src-main/core/api/contract';
import type { RunTrigger } from '../../../../src-main/core/model/types';
import { createStore, type Store } from '../../../../src-main/core/store';
import { createWorker, type Worker } from '../../../../src-main/core/queue/worker';
import { createRunServices } from '../../../../src-main/core/pipeline/services';
import { createUsageMeter } from '../../../../src-main/core/cost/meter';
import { findTool } from '../../../../src-main/core/tools/registry';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { memorySettings } from '../../../helpers/test-runtime';

export interface Queue {
  store: Store;
  clock: FakeClock;
  worker: Worker;
  dir: string;
  file: string;
  pushed: PushMessage[];
  notifications: Notification[];
  logLines: string[];
  settings: ReturnType<typeof memorySettings>;
  close(): Promise<void>;
}

// Every queue a test opens is closed after that test.
const opened: Queue[] = [];
afterEach(async () => {
  for (const q of opened.splice(0)) await q.close();
});

/** A queue on a fresh database; its worker is not started, so runs move only when leased by hand. */
export function openQueue(
  options: { file?: string; clock?: FakeClock; owner?: string; maxConcurrentRuns?: number } = {},
): Queue {
  const dir = makeTempDir();
  const file = options.file ?? join(dir, 'queue.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const clock = options.clock ?? new FakeClock();
  const bus = createEventBus((error) => {
    throw error;
  });
  const pushed: PushMessage[] = [];
  bus.subscribe((m) => pushed.push(m));
  const store = createStore(db, bus, () => clock.now());
  const logLines: string[] = [];
  const notifications: Notification[] = [];
  const settings = memorySettings({ maxConcurrentRuns: options.maxConcurrentRuns ?? 4 });
  const notifier = { notify: async (n: Notification) => void notifications.push(n) };
  const worker = createWorker({
    store,
    clock,
    settings,
    logger: createLogger({
      sinks: [{ write: (l) => logLines.push(l) }],
      redactor: new Redactor(),
      now: () => clock.now(),
    }),
    notifier,
    services: createRunServices({
      settings,
      secrets: createEnvSecretStore({}),
      notifier,
      redactor: new Redactor(),
      findTool,
      usageMeter: (run, task, projectId) =>
        createUsageMeter({ store, clock, settings, notifier }, run, task, projectId),
      createTask: async () => {
        throw new Error('The worker tests create no follow-up tasks');
      },
    }),
    owner: options.owner ?? 'worker-1',
    // No jitter: backoff delays are exactly 1 s, 2 s, 4 s ...
    random: () => 0.5,
  });
  bus.subscribe((m) => {
    if (m.event === 'run:queued') worker.wake();
  });
  const queue: Queue = {
    store,
    clock,
    worker,
    dir,
    file,
    pushed,
    notifications,
    logLines,
    settings,
    async close() {
      await worker.stop();
      db.close();
    },
  };
  opened.push(queue);
  return queue;
}

/** A queue whose worker is running. */
export function startedQueue(options: Parameters<typeof openQueue>[0] = {}): Queue {
  const q = openQueue(options);
  q.worker.start();
  return q;
}

export interface TaskOptions {
  title?: string;
  pipeline?: unknown;
  priority?: number;
  maxConcurrentRuns?: number;
  concurrencyKey?: string | null;
  overlapPolicy?: 'skip' | 'queue';
  timeoutMs?: number | null;
  retryPolicy?: Record<string, unknown>;
}

export function addTask(q: Queue, options: TaskOptions = {}): string {
  const id = newId();
  const now = q.clock.now();
  q.store.db
    .prepare(
      `INSERT INTO tasks (id, title, priority, pipeline, max_concurrent_runs, concurrency_key, overlap_policy, timeout_ms, retry_policy, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      options.title ?? `Task ${id.slice(0, 4)}`,
      options.priority ?? 1,
      JSON.stringify(options.pipeline ?? { steps: [] }),
      options.maxConcurrentRuns ?? 1,
      options.concurrencyKey ?? null,
      options.overlapPolicy ?? 'skip',
      options.timeoutMs ?? null,
      JSON.stringify(options.retryPolicy ?? {}),
      now,
      now,
    );
  return id;
}

export function queueRun(
  q: Queue,
  taskId: string,
  options: { trigger?: RunTrigger; priority?: number; scheduledFor?: number } = {},
): string {
  return q.store.write((tx) => {
    const now = q.clock.now();
    const run = q.store.runs.insert(
      {
        id: newId(),
        taskId,
        trigger: options.trigger ?? 'manual',
        scheduledFor: options.scheduledFor ?? now,
        priority: options.priority ?? 1,
      },
      now,
    );
    tx.publish('run:queued', { run: q.store.runs.toApi(run) });
    return run.id;
  });
}

export function runStatus(q: Queue, runId: string): string | undefined {
  return q.store.runs.get(runId)?.status;
}

/** Lets fake time pass in small steps while real time passes too, until `done()` or a real timeout. */
export async function pumpUntil(
  q: Queue,
  done: () => boolean,
  options: { stepMs?: number; realTimeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.realTimeoutMs ?? 10_000);
  while (!done()) {
    if (Date.now() > deadline) throw new Error('pumpUntil: condition not reached in time');
    q.clock.advance(options.stepMs ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs everything runnable now to its end, without letting fake time pass. */
export async function drain(q: Queue): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    q.clock.advance(0);
    if (q.worker.inFlight().length === 0) return;
    await q.worker.idle();
  }
}

/** argv of a node child that appends `letter` to `file`: a side effect we can count. */
export function appendStep(id: string, file: string, letter: string): Record<string, unknown> {
  return {
    id,
    uses: 'shell.exec',
    with: { argv: [process.execPath, '-e', `require('fs').appendFileSync(process.argv[1], '${letter}')`, file] },
  };
}
