// A burst bigger than one slice is committed over several turns of the event loop. Runs started
// between those turns competed with the burst for the loop and made its last runs late, so the
// worker waits until the whole burst is committed, and is woken then.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { FIRE_BATCH } from '../../../../src-main/core/scheduler/fire';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

/** `count` one-off tasks due at `due`, written straight to the runtime's database file. */
function addDueTasks(t: TestRuntime, count: number, due: number): void {
  const db = new Database(join(t.dataDir, DATABASE_FILE));
  const insert = db.prepare(
    `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, next_run_at, created_at, updated_at)
     VALUES (?, ?, 'once', ?, 'UTC', ?, 1, 1)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`t${i}`, `Burst ${i}`, new Date(due).toISOString(), due);
  })();
  db.close();
}

describe('a burst of fires', () => {
  it('starts no run until every slice of the burst is committed, then starts them', async () => {
    const t = await startedTestRuntime();
    running.push(t);
    const due = t.clock.now() + 1_000;
    // One more than a slice takes: the burst needs two slices even when no time passes.
    addDueTasks(t, FIRE_BATCH + 1, due);
    t.pushed.length = 0;
    t.clock.advance(30_000);
    const events = t.pushed.map((m) =>
      m.event === 'run:updated' ? `run:${(m.data as { run: { status: string } }).run.status}` : m.event,
    );
    const fired = events.flatMap((e, i) => (e === 'schedule:fired' ? [i] : []));
    const started = events.flatMap((e, i) => (e === 'run:running' ? [i] : []));
    expect(fired.length).toBeGreaterThanOrEqual(2);
    expect(started.length).toBeGreaterThan(0);
    expect(Math.min(...started)).toBeGreaterThan(Math.max(...fired));
    expect(t.runtime.schedulerStats().queued).toBe(FIRE_BATCH + 1);
  });
});
