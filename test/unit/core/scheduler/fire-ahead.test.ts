import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { fireDue, planAhead, type PreparedFire } from '../../../../src-main/core/scheduler/fire';
import { PLAN_HOLDS_MS } from '../../../../src-main/core/scheduler/fire-plan';
import { createStore } from '../../../../src-main/core/store';
import { FakeClock } from '../../../helpers/fake-clock';
import { recordStatementsRun } from '../../../helpers/statements-run';
import { makeTempDir } from '../../../helpers/temp-dir';

const DUE = Date.parse('2026-11-23T15:30:00Z');

/** `ran`, when given, records the SQL of every statement the store runs. */
function storeWithDueTasks(count: number, ran?: string[]) {
  const db = new Database(join(makeTempDir(), 'fire.db'));
  migrate(db);
  if (ran) recordStatementsRun(db, { add: (sql: string) => ran.push(sql) });
  const store = createStore(
    db,
    createEventBus((error) => {
      throw error;
    }),
    () => DUE,
  );
  const insert = db.prepare(
    `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, next_run_at, created_at, updated_at)
     VALUES (?, ?, 'cron', '30 15 * * *', 'UTC', ?, 1, 1)`,
  );
  for (let i = 0; i < count; i++) insert.run(`t${i}`, `Task ${i}`, DUE);
  return { db, store };
}

/** Plans the tasks due at DUE, every slice at once. */
function plansFor(store: ReturnType<typeof storeWithDueTasks>['store'], clock: FakeClock, instant = DUE): PreparedFire {
  const prepared: PreparedFire = { instant, plans: new Map() };
  planAhead({ store, clock, displayTimezone: 'UTC', prepared, defer: (slice) => slice() });
  return prepared;
}

const runsOf = (db: Database.Database) =>
  db.prepare('SELECT id, task_id AS taskId FROM runs ORDER BY task_id').all() as Array<{ id: string; taskId: string }>;

describe('fires planned ahead of their instant', () => {
  it('plans the tasks due at the instant, and the fire writes the plans as they were made', () => {
    const { db, store } = storeWithDueTasks(150);
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    const { plans } = prepared;
    expect(plans.size).toBe(150);
    // Planning writes nothing: the runs exist only once the instant is fired.
    expect(runsOf(db)).toEqual([]);
    clock.advance(250);
    const result = fireDue({ store, clock, now: DUE, displayTimezone: 'UTC', prepared });
    expect(result.queued).toBe(150);
    for (const run of runsOf(db)) expect(run.id).toBe(plans.get(run.taskId)!.runs[0]!.id);
    const next = db.prepare('SELECT DISTINCT next_run_at FROM tasks').pluck().all();
    expect(next).toEqual([DUE + 24 * 3600_000]);
  });

  it('takes a burst planned whole as read when nothing was written since, and reads it otherwise', () => {
    const ran: string[] = [];
    const { db, store } = storeWithDueTasks(20, ran);
    const dueReads = () => ran.filter((sql) => sql.includes('next_run_at <= ?')).length;
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    expect(prepared.complete).toBeDefined();
    clock.advance(250);
    expect(fireDue({ store, clock, now: DUE, displayTimezone: 'UTC', prepared }).queued).toBe(20);
    expect(dueReads()).toBe(0);

    db.prepare('UPDATE tasks SET next_run_at = ?').run(DUE + 60_000);
    const later = plansFor(store, clock, DUE + 60_000);
    expect(later.complete).toBeDefined();
    db.prepare(`UPDATE tasks SET paused = 1 WHERE id = 't3'`).run();
    clock.advance(60_000);
    expect(fireDue({ store, clock, now: DUE + 60_000, displayTimezone: 'UTC', prepared: later }).queued).toBe(19);
    expect(dueReads()).toBeGreaterThan(0);
  });

  it('reads the due tasks again when another falls due between the planned instant and the fire', () => {
    const { db, store } = storeWithDueTasks(3);
    db.prepare(
      `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, next_run_at, created_at, updated_at)
       VALUES ('soon', 'Soon', 'cron', '30 15 * * *', 'UTC', ?, 1, 1)`,
    ).run(DUE + 5);
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    expect(prepared.complete).toEqual({ mark: expect.any(String), dueAfter: DUE + 5 });
    clock.advance(260);
    const result = fireDue({ store, clock, now: DUE + 10, displayTimezone: 'UTC', prepared });
    expect(result.tasks.map((t) => t.taskId).sort()).toEqual(['soon', 't0', 't1', 't2']);
  });

  it('plans again a task changed since it was planned, and fires no task paused since', () => {
    const { db, store } = storeWithDueTasks(3);
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    const { plans } = prepared;
    db.prepare(`UPDATE tasks SET title = 'Renamed', updated_at = 2 WHERE id = 't1'`).run();
    db.prepare(`UPDATE tasks SET paused = 1 WHERE id = 't2'`).run();
    clock.advance(250);
    fireDue({ store, clock, now: DUE, displayTimezone: 'UTC', prepared });
    const runs = runsOf(db);
    expect(runs.map((r) => r.taskId)).toEqual(['t0', 't1']);
    expect(runs[0]!.id).toBe(plans.get('t0')!.runs[0]!.id);
    expect(runs[1]!.id).not.toBe(plans.get('t1')!.runs[0]!.id);
    const summary = db.prepare(`SELECT summary FROM events WHERE task_id = 't1' AND type = 'run:queued'`).pluck().get();
    expect(summary).toBe('Queued "Renamed" for 3:30 PM UTC');
  });

  it('does not write a plan once its instant is further past than a plan holds', () => {
    const { db, store } = storeWithDueTasks(2);
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    const { plans } = prepared;
    const late = DUE + PLAN_HOLDS_MS + 1;
    clock.advance(late - clock.now());
    const result = fireDue({ store, clock, now: late, displayTimezone: 'UTC', prepared });
    expect(result.queued).toBe(2);
    for (const run of runsOf(db)) expect(run.id).not.toBe(plans.get(run.taskId)!.runs[0]!.id);
  });

  it('plans again a task without a zone of its own once the display zone has changed', () => {
    const { db, store } = storeWithDueTasks(1);
    db.prepare(`UPDATE tasks SET schedule_timezone = NULL`).run();
    const clock = new FakeClock(DUE - 250);
    const prepared = plansFor(store, clock);
    const { plans } = prepared;
    clock.advance(250);
    fireDue({ store, clock, now: DUE, displayTimezone: 'America/Denver', prepared });
    expect(runsOf(db)[0]!.id).not.toBe(plans.get('t0')!.runs[0]!.id);
  });

  it('plans in slices, each within the fire budget, and stops when told', () => {
    const { store } = storeWithDueTasks(40);
    // Each clock reading costs 1 ms: a slice plans only a few tasks before its budget runs out.
    let mono = 0;
    const clock = Object.assign(new FakeClock(DUE - 250), { monotonicMs: () => (mono += 1) });
    const prepared: PreparedFire = { instant: DUE, plans: new Map() };
    const { plans } = prepared;
    const deferred: Array<() => void> = [];
    const stop = planAhead({
      store,
      clock,
      displayTimezone: 'UTC',
      prepared,
      defer: (slice) => deferred.push(slice),
    });
    const sizes = [plans.size];
    deferred.shift()!();
    sizes.push(plans.size - sizes[0]!);
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[0]).toBeLessThan(10);
    expect(sizes[1]).toBeGreaterThan(0);
    stop();
    const before = plans.size;
    deferred.shift()?.();
    expect(plans.size).toBe(before);
    expect(before).toBeLessThan(40);
  });
});
