// The store: the open database, its repositories, and transactions that record timeline events
// and publish push events only after the write has committed.
import type { Database } from 'better-sqlite3';
import type { PushEventName, PushEvents } from './api/contract';
import type { EventBus } from './events/bus';
import { createEventsRepo, type NewEvent } from './db/repos/events-repo';
import { createProjectsRepo } from './db/repos/projects-repo';
import { createTasksRepo } from './db/repos/tasks-repo';
import { createRunsRepo } from './db/repos/runs-repo';
import { createSchedulerRepo } from './db/repos/scheduler-repo';
import { createCheckpointsRepo } from './db/repos/checkpoints-repo';
import { createRunLogsRepo } from './db/repos/run-logs-repo';

export interface TxContext {
  /** Appends to the activity timeline inside the transaction. */
  record(event: NewEvent): void;
  /** Publishes a push event once the transaction has committed. */
  publish<K extends PushEventName>(event: K, data: PushEvents[K]): void;
}

export function createStore(db: Database, bus: EventBus, now: () => number) {
  const repos = {
    tasks: createTasksRepo(db),
    projects: createProjectsRepo(db),
    events: createEventsRepo(db),
    runs: createRunsRepo(db),
    scheduler: createSchedulerRepo(db),
    checkpoints: createCheckpointsRepo(db),
    runLogs: createRunLogsRepo(db),
  };

  function write<T>(work: (tx: TxContext) => T): T {
    const pending: Array<() => void> = [];
    const result = db
      .transaction(() =>
        work({
          record: (event) => repos.events.append(event, now()),
          publish: (event, data) => pending.push(() => bus.emit(event, data)),
        }),
      )
      .immediate();
    for (const send of pending) send();
    return result;
  }

  return { db, ...repos, write };
}

export type Store = ReturnType<typeof createStore>;
