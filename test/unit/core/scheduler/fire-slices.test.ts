import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import type { PushMessage } from '../../../../src-main/core/events/push-events';
import type { Clock } from '../../../../src-main/core/lib/clock';
import {
  DUE_PAGE,
  FIRST_COMMIT_MS_PER_PLAN,
  fireDue,
  SLICE_BUDGET_MS,
  type Backlog,
} from '../../../../src-main/core/scheduler/fire';
import { NAMED_QUEUED_RUNS } from '../../../../src-main/core/scheduler/fire-events';
import { isoAt } from '../../../../src-main/core/lib/time-format';
import { createStore } from '../../../../src-main/core/store';
import { recordStatementsRun } from '../../../helpers/statements-run';
import { makeTempDir } from '../../../helpers/temp-dir';

const DUE = Date.parse('2026-11-23T15:30:00Z');

/**
 * A clock whose readings move on by `stepMs` each time they are read: the work of a slice takes
 * time, as on a loaded machine, without sleeping in the test.
 */
function steppingClock(stepMs: number): Clock & { wall: number } {
  let mono = 0;
  const clock = {
    wall: DUE,
    now: () => (clock.wall += stepMs),
    monotonicMs: () => (mono += stepMs),
    setTimer: () => () => undefined,
  };
  return clock;
}

/** `ran`, when given, records the SQL of every statement the store runs. */
function storeWithDueTasks(count: number, ran?: string[]) {
  const db = new Database(join(makeTempDir(), 'fire.db'));
  migrate(db);
  if (ran) recordStatementsRun(db, { add: (sql: string) => ran.push(sql) });
  const pushed: PushMessage[] = [];
  const bus = createEventBus((error) => {
    throw error;
  });
  bus.subscribe((m) => pushed.push(m));
  const store = createStore(db, bus, () => DUE);
  const insert = db.prepare(
    `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, next_run_at, created_at, updated_at)
     VALUES (?, ?, 'once', ?, 'UTC', ?, 1, 1)`,
  );
  for (let i = 0; i < count; i++) insert.run(`t${i}`, `Task ${i}`, new Date(DUE).toISOString(), DUE);
  return { db, store, pushed };
}

describe('fireDue', () => {
  it('publishes one schedule:fired per burst, with every run and task, and no task:updated per task', () => {
    const { store, pushed } = storeWithDueTasks(200);
    const result = fireDue({ store, clock: steppingClock(0), now: DUE, displayTimezone: 'America/Denver' });
    expect(result).toMatchObject({ queued: 200, more: false });
    expect(pushed.map((m) => m.event)).toEqual(['schedule:fired']);
    const fired = pushed[0]!.data as { runs: Array<{ taskId: string }>; tasks: Array<{ id: string }> };
    expect(new Set(fired.runs.map((r) => r.taskId)).size).toBe(200);
    expect(fired.tasks).toHaveLength(200);
    expect(fired.tasks[0]).toEqual({
      id: expect.any(String),
      nextRunAt: null,
      lastFiredAt: '2026-11-23T15:30:00.000Z',
    });
  });

  it('tells a burst in one timeline event, and names each run of a slice that queued only a few', () => {
    const burst = storeWithDueTasks(200);
    fireDue({ store: burst.store, clock: steppingClock(0), now: DUE, displayTimezone: 'America/Denver' });
    const events = burst.db.prepare('SELECT type, task_id AS taskId, summary, payload FROM events').all() as Array<{
      type: string;
      taskId: string | null;
      summary: string;
      payload: string;
    }>;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'schedule:fired',
      taskId: null,
      summary: 'Queued 200 scheduled runs for 8:30 AM MST: "Task 0", "Task 1", "Task 2" and 197 more',
    });
    const payload = JSON.parse(events[0]!.payload) as { runs: number; tasks: number; named: Array<{ taskId: string }> };
    expect(payload).toMatchObject({ runs: 200, tasks: 200, caughtUp: 0, from: isoAt(DUE), to: isoAt(DUE) });
    expect(payload.named.map((n) => n.taskId)).toEqual(['t0', 't1', 't2']);

    // One task catching up many occurrences is told under that task.
    const behind = storeWithDueTasks(0);
    behind.db
      .prepare(
        `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, misfire_policy, next_run_at,
           next_occurrence_at, created_at, updated_at) VALUES ('hourly', 'Hourly sync', 'cron', '0 * * * *', 'UTC', 'run_all', ?, ?, 1, 1)`,
      )
      .run(DUE - 9 * 3600_000, DUE - 9 * 3600_000);
    fireDue({ store: behind.store, clock: steppingClock(0), now: DUE, displayTimezone: 'America/Denver' });
    const caughtUp = behind.db.prepare(`SELECT type, task_id AS taskId, summary FROM events ORDER BY id`).all();
    expect(caughtUp[0]).toEqual({
      type: 'schedule:fired',
      taskId: 'hourly',
      summary: 'Queued 10 runs of "Hourly sync" due from 11:30 PM to 8:00 AM MST (10 caught up)',
    });

    const few = storeWithDueTasks(NAMED_QUEUED_RUNS);
    fireDue({ store: few.store, clock: steppingClock(0), now: DUE, displayTimezone: 'America/Denver' });
    const named = few.db.prepare(`SELECT type, task_id AS taskId, summary FROM events ORDER BY id`).all();
    expect(named).toEqual(
      Array.from({ length: NAMED_QUEUED_RUNS }, (_, i) => ({
        type: 'run:queued',
        taskId: `t${i}`,
        summary: `Queued "Task ${i}" for 3:30 PM UTC`,
      })),
    );
  });

  it('stops a slice once it has worked its time budget, and the next slices fire the rest exactly once', () => {
    const { db, store, pushed } = storeWithDueTasks(100);
    // Every clock reading costs 1 ms: a slice can only fire a few tasks before its budget runs out.
    const clock = steppingClock(1);
    const slices: number[] = [];
    let backlog: Backlog | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const result = fireDue({ store, clock, now: DUE, displayTimezone: 'UTC', ...(backlog ? { backlog } : {}) });
      slices.push(result.tasks.length);
      backlog = result.backlog;
      if (!result.more) break;
    }
    expect(slices.length).toBeGreaterThan(5);
    expect(Math.max(...slices)).toBeLessThanOrEqual(SLICE_BUDGET_MS);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(100);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(100);
    expect(db.prepare('SELECT count(DISTINCT task_id) FROM runs').pluck().get()).toBe(100);
    expect(pushed.filter((m) => m.event === 'schedule:fired')).toHaveLength(slices.filter((n) => n > 0).length);
  });

  it('skips a task of the backlog that was paused between two slices', () => {
    const { db, store } = storeWithDueTasks(30);
    const first = fireDue({ store, clock: steppingClock(1), now: DUE, displayTimezone: 'UTC' });
    expect(first.backlog.tasks.length).toBeGreaterThan(0);
    const paused = first.backlog.tasks[0]!.id;
    db.prepare('UPDATE tasks SET paused = 1 WHERE id = ?').run(paused);
    let backlog = first.backlog;
    while (backlog.tasks.length > 0) {
      backlog = fireDue({ store, clock: steppingClock(1), now: DUE, displayTimezone: 'UTC', backlog }).backlog;
    }
    expect(db.prepare('SELECT count(*) FROM runs WHERE task_id = ?').pluck().get(paused)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(29);
  });

  it('leaves room in each slice for committing its plans, at the cost per plan the last commits took', () => {
    const slowCommit = (commitMsPerPlan: number): number => {
      const { store } = storeWithDueTasks(100);
      const first = fireDue({ store, clock: steppingClock(1), now: DUE, displayTimezone: 'UTC' });
      // A commit of a few plans measures mostly its fixed cost: the first estimate stands.
      expect(first.tasks.length).toBeLessThan(10);
      expect(first.pace!.commitMsPerPlan).toBe(FIRST_COMMIT_MS_PER_PLAN);
      const pace = { ...first.pace!, commitMsPerPlan };
      const { backlog } = first;
      return fireDue({ store, clock: steppingClock(1), now: DUE, displayTimezone: 'UTC', backlog, pace }).tasks.length;
    };
    const unhurried = slowCommit(0);
    const hurried = slowCommit(1);
    expect(hurried).toBeGreaterThan(0);
    expect(hurried).toBeLessThan(unhurried);
  });

  it('measures the commit per plan on a slice that wrote many', () => {
    const { store } = storeWithDueTasks(100);
    // Time moves only while committing: 100 plans, all in one slice, committed in 5 ms.
    let mono = 0;
    const clock = { ...steppingClock(0), monotonicMs: () => mono };
    store.onCommit(() => (mono += 5));
    const result = fireDue({ store, clock, now: DUE, displayTimezone: 'UTC' });
    expect(result.tasks).toHaveLength(100);
    expect(result.pace!.commitMsPerPlan).toBeCloseTo(5 / 100);
  });

  it('reads the due tasks a page at a time when none were planned ahead, and fires every one once', () => {
    const { db, store } = storeWithDueTasks(DUE_PAGE * 2 + 10);
    const reads: number[] = [];
    const dueTasks = store.scheduler.dueTasks;
    store.scheduler.dueTasks = (now, limit) => {
      const read = dueTasks(now, limit);
      reads.push(read.length);
      return read;
    };
    let backlog: Backlog | undefined;
    let slices = 0;
    for (;;) {
      const result = fireDue({
        store,
        clock: steppingClock(0),
        now: DUE,
        displayTimezone: 'UTC',
        ...(backlog ? { backlog } : {}),
      });
      slices++;
      backlog = result.backlog;
      if (!result.more) break;
    }
    expect(reads).toEqual([DUE_PAGE, DUE_PAGE, 10]);
    expect(slices).toBe(3);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(DUE_PAGE * 2 + 10);
  });

  it('takes the backlog as read when nothing was written between two slices, and reads it again otherwise', () => {
    const ran: string[] = [];
    const { db, store } = storeWithDueTasks(30, ran);
    const rereads = () => ran.filter((sql) => sql.includes('json_each')).length;
    const first = fireDue({ store, clock: steppingClock(1), now: DUE, displayTimezone: 'UTC' });
    const second = fireDue({
      store,
      clock: steppingClock(1),
      now: DUE,
      displayTimezone: 'UTC',
      backlog: first.backlog,
    });
    expect(second.tasks.length).toBeGreaterThan(0);
    expect(rereads()).toBe(0);
    // Another connection's commit counts as a write too.
    const other = new Database(db.name);
    other.prepare(`UPDATE tasks SET title = 'Renamed' WHERE id = ?`).run(second.backlog.tasks[0]!.id);
    other.close();
    const third = fireDue({
      store,
      clock: steppingClock(1),
      now: DUE,
      displayTimezone: 'UTC',
      backlog: second.backlog,
    });
    expect(rereads()).toBeGreaterThan(0);
    const renamed = third.tasks.find((t) => t.taskId === second.backlog.tasks[0]!.id);
    expect(renamed?.title).toBe('Renamed');
    expect(third.tasks.length).toBeGreaterThan(0);
  });

  it('stamps queued_at when the run is written, not when the wake began (a slow burst shows as late)', () => {
    const { db, store } = storeWithDueTasks(20);
    const clock = steppingClock(3);
    let backlog: Backlog | undefined;
    do backlog = fireDue({ store, clock, now: DUE, displayTimezone: 'UTC', ...(backlog ? { backlog } : {}) }).backlog;
    while (backlog.tasks.length > 0);
    const rows = db.prepare('SELECT queued_at AS queuedAt FROM runs ORDER BY queued_at').all() as Array<{
      queuedAt: number;
    }>;
    expect(rows).toHaveLength(20);
    expect(rows[0]!.queuedAt).toBeGreaterThan(DUE);
    // Each slice's work moved the clock on: the runs of the last slice were queued later than the first's.
    expect(rows.at(-1)!.queuedAt).toBeGreaterThan(rows[0]!.queuedAt);
    const lastFired = db.prepare('SELECT last_fired_at FROM tasks WHERE id = ?').pluck().get('t0');
    const runQueued = db.prepare('SELECT queued_at FROM runs WHERE task_id = ?').pluck().get('t0');
    expect(lastFired).toBe(runQueued);
  });
});
