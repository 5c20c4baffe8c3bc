// The occurrence ledger is pruned with the runs: rows of occurrences past the retention period go,
// in batches, through the same hourly upkeep.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createRetentionRepo } from '../../../../src-main/core/db/repos/retention-repo';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createMaintenance, DAY_MS, PRUNE_BATCH_OCCURRENCES } from '../../../../src-main/core/maintenance/maintenance';
import { FakeClock } from '../../../helpers/fake-clock';
import { memorySettings } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

const NOW = Date.parse('2026-11-23T15:30:00Z');

describe('occurrence ledger retention', () => {
  it('prunes ledger rows older than the retention period, more than one batch of them, and keeps newer ones', async () => {
    const dataDir = makeTempDir();
    const db = new Database(join(dataDir, 'ridgeline.db'));
    // As open.ts sets it: pruning hands freed pages back step by step until none is left.
    db.pragma('auto_vacuum = INCREMENTAL');
    migrate(db);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t', 'Hourly', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, recorded_at) VALUES ('t', ?, 'missed', 'asleep', ?)`,
    );
    const old = NOW - 91 * DAY_MS;
    const oldRows = PRUNE_BATCH_OCCURRENCES + 50;
    db.transaction(() => {
      for (let i = 0; i < oldRows; i++) insert.run(old - i * 3600_000, old);
      for (let i = 0; i < 3; i++) insert.run(NOW - i * 3600_000, NOW);
    })();
    const clock = new FakeClock(NOW);
    const logger = createLogger({ sinks: [], redactor: new Redactor(), now: () => clock.now() });
    const retention = createRetentionRepo(db);
    const m = createMaintenance({ db, retention, clock, logger, settings: memorySettings(), dataDir });
    m.onWake(NOW);
    // Each batch waits for a zero-delay timer on the fake clock: let those pass until the upkeep is done.
    let done = false;
    const idle = m.idle().then(() => (done = true));
    for (let i = 0; i < 100 && !done; i++) {
      clock.advance(0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await idle;
    expect(db.prepare('SELECT occurrence_at FROM occurrences ORDER BY occurrence_at').pluck().all()).toEqual([
      NOW - 2 * 3600_000,
      NOW - 3600_000,
      NOW,
    ]);
    await m.stop();
    db.close();
  });
});
