// The store: the open database, its repositories, and transactions that record timeline events
// and publish push events only after the write has committed.
import type { Database } from 'better-sqlite3';
import type { PushEventName, PushEvents } from './events/push-events';
import type { EventBus } from './events/bus';
import { Redactor } from './lib/redact';
import { createEventsRepo, type NewEvent } from './db/repos/events-repo';
import { createProjectsRepo } from './db/repos/projects-repo';
import { createTasksRepo } from './db/repos/tasks-repo';
import { createRunsRepo } from './db/repos/runs-repo';
import { createSchedulerRepo } from './db/repos/scheduler-repo';
import { createCheckpointsRepo } from './db/repos/checkpoints-repo';
import { createRunLogsRepo } from './db/repos/run-logs-repo';
import { createApiUsageRepo } from './db/repos/api-usage-repo';
import { createApprovalsRepo } from './db/repos/approvals-repo';
import { createDependenciesRepo } from './db/repos/dependencies-repo';
import { createBudgetOverridesRepo } from './db/repos/budget-overrides-repo';
import { createClockChangeRepo } from './db/repos/clock-change-repo';
import { createRetentionRepo } from './db/repos/retention-repo';
import { createStepProcessesRepo } from './db/repos/step-processes-repo';
import { createConditionWaitsRepo } from './db/repos/condition-waits-repo';
import { createTaskBoardRepo } from './db/repos/task-board-repo';
import { createFeedbackRepo } from './db/repos/feedback-repo';
import { createWakeRepo } from './db/repos/wake-repo';
import { createTaskMemoryRepo } from './db/repos/task-memory-repo';
import { createDeadlinesRepo } from './db/repos/deadlines-repo';
import { createAgentWorktreesRepo } from './db/repos/agent-worktrees-repo';
import { createPermissionGrantsRepo } from './db/repos/permission-grants-repo';
import { createOccurrencesRepo } from './db/repos/occurrences-repo';

export interface TxContext {
  /** Appends to the activity timeline inside the transaction. */
  record(event: NewEvent): void;
  /** Publishes a push event once the transaction has committed. */
  publish<K extends PushEventName>(event: K, data: PushEvents[K]): void;
}

/** `redactor` masks secrets in every text and JSON column as it is written (the runtime's own). */
export function createStore(db: Database, bus: EventBus, now: () => number, redactor: Redactor = new Redactor()) {
  const repos = {
    tasks: createTasksRepo(db),
    projects: createProjectsRepo(db),
    events: createEventsRepo(db, redactor),
    runs: createRunsRepo(db, redactor),
    scheduler: createSchedulerRepo(db),
    checkpoints: createCheckpointsRepo(db, redactor),
    runLogs: createRunLogsRepo(db),
    apiUsage: createApiUsageRepo(db, redactor),
    approvals: createApprovalsRepo(db, redactor),
    dependencies: createDependenciesRepo(db),
    budgetOverrides: createBudgetOverridesRepo(db),
    clockChange: createClockChangeRepo(db),
    retention: createRetentionRepo(db),
    stepProcesses: createStepProcessesRepo(db, redactor),
    conditionWaits: createConditionWaitsRepo(db),
    taskBoard: createTaskBoardRepo(db),
    feedback: createFeedbackRepo(db, redactor),
    wake: createWakeRepo(db),
    taskMemory: createTaskMemoryRepo(db, redactor),
    deadlines: createDeadlinesRepo(db),
    agentWorktrees: createAgentWorktreesRepo(db),
    permissionGrants: createPermissionGrantsRepo(db),
    occurrences: createOccurrencesRepo(db),
  };

  // Told after every commit, not a nested write's savepoint (the runtime's checkpointer listens).
  let afterCommit: (() => void) | undefined;

  interface Queued {
    work: (tx: TxContext) => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let batch: Queued[] = [];

  // Transaction functions made once: better-sqlite3 runs one nested in another as a savepoint.
  const inTransaction = db.transaction(<T>(work: (tx: TxContext) => T, tx: TxContext): T => work(tx));
  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
  // The common case: every write of the batch succeeds, and they share one transaction, no savepoints.
  const wholeBatch = db.transaction((items: Queued[], tx: TxContext): Outcome[] =>
    items.map((item) => ({ ok: true, value: item.work(tx) })),
  );
  // After a failure: the batch again, a savepoint each, so the failing write rolls back alone.
  const itemByItem = db.transaction((items: Queued[], tx: TxContext, pending: Array<() => void>): Outcome[] =>
    items.map((item) => {
      const mark = pending.length;
      try {
        return { ok: true, value: inTransaction(item.work, tx) };
      } catch (error) {
        pending.length = mark;
        return { ok: false, error };
      }
    }),
  );

  /** Commits every write queued in this turn of the event loop in one transaction. */
  function flush(): void {
    const items = batch;
    batch = [];
    const pending: Array<() => void> = [];
    const tx: TxContext = {
      record: (event) => repos.events.append(event, now()),
      publish: (event, data) => pending.push(() => bus.emit(event, data)),
    };
    let outcomes: Outcome[];
    try {
      outcomes = wholeBatch.immediate(items, tx);
    } catch {
      pending.length = 0;
      try {
        outcomes = itemByItem.immediate(items, tx, pending);
      } catch (error) {
        for (const item of items) item.reject(error);
        return;
      }
    }
    if (!db.inTransaction) afterCommit?.();
    for (const send of pending) send();
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /**
   * Group commit: like write(), but the work joins the other writes queued in the same turn of
   * the event loop and commits with them, so concurrent runs share one commit. The promise
   * settles after the commit: what a caller awaits is on disk before it acts. When a write of the
   * batch throws, the batch is rolled back and run again write by write, so `work` may run twice:
   * it may change only the database and `tx`, nothing else.
   */
  function writeSoon<T>(work: (tx: TxContext) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      batch.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate is not a timer: it runs once the current turn's callbacks are done.
      if (batch.length === 1) setImmediate(flush);
    });
  }

  function write<T>(work: (tx: TxContext) => T): T {
    const pending: Array<() => void> = [];
    const result = inTransaction.immediate(work, {
      record: (event) => repos.events.append(event, now()),
      publish: (event, data) => pending.push(() => bus.emit(event, data)),
    }) as T;
    if (!db.inTransaction) afterCommit?.();
    for (const send of pending) send();
    return result;
  }

  return {
    db,
    redactor,
    ...repos,
    write,
    writeSoon,
    /** Calls `listener` after each commit of write() and writeSoon(). */
    onCommit: (listener: () => void): void => {
      afterCommit = listener;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
