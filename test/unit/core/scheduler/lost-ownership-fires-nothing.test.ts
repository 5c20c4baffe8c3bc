// The scheduler's heartbeat renews the data directory's ownership at each wake. A runtime whose
// directory another one took over learns it at that wake and must not fire what is due: the new
// owner fires it. The heartbeat now shares the fire's transaction, so the check sits inside it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { HEARTBEAT_INTERVAL_MS, STALE_AFTER_MS } from '../../../../src-main/core/db/ownership';
import { makeTestRuntime } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('a runtime that lost its data directory', () => {
  it('fires nothing at the wake that tells it so', async () => {
    const dataDir = makeTempDir();
    const first = makeTestRuntime({ dataDir });
    await first.runtime.start();
    const later = makeTestRuntime({ dataDir });
    later.clock.jumpTo(first.clock.now() + STALE_AFTER_MS + 1);
    await later.runtime.start();
    // Due before the first runtime's next wake; written behind both runtimes' backs, so neither is woken for it.
    const due = first.clock.now() + 1_000;
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO tasks (id, title, schedule_kind, schedule_expr, schedule_timezone, next_run_at, created_at, updated_at)
       VALUES ('t1', 'Nightly', 'once', ?, 'UTC', ?, 1, 1)`,
    ).run(new Date(due).toISOString(), due);
    first.clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(first.logLines.some((l) => l.includes('took over the data directory'))).toBe(true);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    expect(first.runtime.schedulerStats().queued).toBe(0);
    db.close();
    await later.runtime.stop();
    await first.runtime.stop();
  });
});
