import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDir, listBackups, newestGoodBackup, takeDailyBackup } from '../../../../src-main/core/db/backup';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createRetentionRepo } from '../../../../src-main/core/db/repos/retention-repo';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createMaintenance, DAY_MS, PRUNE_EVERY_MS } from '../../../../src-main/core/maintenance/maintenance';
import { FakeClock } from '../../../helpers/fake-clock';
import { memorySettings } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

const NOW = Date.parse('2026-11-23T15:30:00Z');

function seeded(): { db: Database.Database; dataDir: string } {
  const dataDir = makeTempDir();
  const db = new Database(join(dataDir, 'ridgeline.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.exec('VACUUM');
  db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t', 'Nightly', 1, 1)`).run();
  const run = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at)
     VALUES (?, 't', 'manual', 1, ?, 1, ?)`,
  );
  const old = NOW - 91 * DAY_MS;
  const insertAll = db.transaction(() => {
    const rows: Array<[string, string, number | null]> = [
      ['old-ok', 'succeeded', old],
      ['old-failed', 'failed', old],
      ['old-halted', 'halted', old],
      ['old-approval', 'awaiting_approval', old],
      ['old-queued', 'queued', null],
      ['recent', 'succeeded', NOW - 89 * DAY_MS],
    ];
    for (const [id, status, finished] of rows) {
      run.run(id, status, finished);
      for (let i = 0; i < 200; i++) {
        db.prepare(`INSERT INTO run_logs (run_id, stream, message, logged_at) VALUES (?, 'stdout', ?, 1)`).run(
          id,
          'x'.repeat(500),
        );
      }
      db.prepare(
        `INSERT INTO checkpoints (checkpoint_uuid, global_sequence, task_id, run_id, step_index, step_name, created_at)
       VALUES (?, (SELECT coalesce(max(global_sequence), 0) + 1 FROM checkpoints), 't', ?, 0, 'a', 1)`,
      ).run(`c-${id}`, id);
      db.prepare(`INSERT INTO events (type, run_id, summary, created_at) VALUES ('run:finished', ?, 'done', 1)`).run(
        id,
      );
    }
  });
  insertAll();
  return { db, dataDir };
}

const count = (db: Database.Database, sql: string): number => db.prepare(sql).pluck().get() as number;

function maintenanceOn(db: Database.Database, dataDir: string, clock: FakeClock) {
  const lines: string[] = [];
  const logger = createLogger({
    sinks: [{ write: (l) => lines.push(l) }],
    redactor: new Redactor(),
    now: () => clock.now(),
  });
  const settings = memorySettings();
  const m = createMaintenance({ db, retention: createRetentionRepo(db), clock, logger, settings, dataDir });
  return { m, lines, settings };
}

describe('retention', () => {
  it('prunes finished runs past 90 days with their logs, checkpoints and events, and never an unfinished one', async () => {
    const { db, dataDir } = seeded();
    const clock = new FakeClock(NOW);
    const { m } = maintenanceOn(db, dataDir, clock);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    m.onWake(clock.now());
    clock.advance(0);
    clock.advance(0);
    await m.idle();
    expect(db.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual([
      'old-approval',
      'old-halted',
      'old-queued',
      'recent',
    ]);
    expect(count(db, `SELECT count(*) FROM run_logs WHERE run_id LIKE 'old-ok' OR run_id = 'old-failed'`)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM run_logs')).toBe(800);
    expect(count(db, 'SELECT count(*) FROM checkpoints')).toBe(4);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(4);
    // The freed pages went back to the file system.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('page_count', { simple: true }) as number).toBeLessThan(pagesBefore);
    await m.stop();
  });

  it('prunes again only after an hour, with the retention period then in force', async () => {
    const { db, dataDir } = seeded();
    const clock = new FakeClock(NOW);
    const { m, settings } = maintenanceOn(db, dataDir, clock);
    m.onWake(NOW);
    clock.advance(0);
    await m.idle();
    settings.update({ retention: { finishedRunDays: 30 } });
    m.onWake(NOW + 30 * 60_000);
    clock.advance(0);
    await m.idle();
    expect(count(db, `SELECT count(*) FROM runs WHERE id = 'recent'`)).toBe(1);
    m.onWake(NOW + PRUNE_EVERY_MS);
    clock.advance(0);
    await m.idle();
    expect(count(db, `SELECT count(*) FROM runs WHERE id = 'recent'`)).toBe(0);
    await m.stop();
  });

  it('deletes in batches, committing each, so no single write holds the lock long', () => {
    const { db } = seeded();
    const repo = createRetentionRepo(db);
    expect(repo.pruneFinishedRuns(NOW - 90 * DAY_MS, 1)).toBe(1);
    expect(repo.pruneFinishedRuns(NOW - 90 * DAY_MS, 1)).toBe(1);
    expect(repo.pruneFinishedRuns(NOW - 90 * DAY_MS, 1)).toBe(0);
    expect(repo.runLogSize('recent')).toEqual({ lines: 200, bytes: 100_000 });
  });
});

describe('backups', () => {
  it('takes one backup a day through the wake, keeps the newest `keep`, and each opens', async () => {
    const { db, dataDir } = seeded();
    const clock = new FakeClock(NOW);
    const { m, settings } = maintenanceOn(db, dataDir, clock);
    settings.update({ backups: { keep: 3 } });
    for (let day = 0; day < 5; day++) {
      clock.jumpTo(NOW + day * DAY_MS);
      m.onWake(clock.now());
      m.onWake(clock.now());
      clock.advance(0);
      await m.idle();
    }
    const names = readdirSync(backupDir(dataDir)).sort();
    expect(names).toEqual(['ridgeline-2026-11-25.db', 'ridgeline-2026-11-26.db', 'ridgeline-2026-11-27.db']);
    const copy = new Database(listBackups(dataDir)[0]!, { readonly: true });
    // The newest copy has the database as pruned by then: the two old finished runs and, four days
    // on, the one finished 89 days before the first wake are gone; the unfinished three stay.
    expect(copy.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual([
      'old-approval',
      'old-halted',
      'old-queued',
    ]);
    copy.close();
    await m.stop();
  });

  it('passes over a damaged backup for the newest good one', async () => {
    const { db, dataDir } = seeded();
    const good = await takeDailyBackup({ db, dataDir, now: NOW, keep: 7 });
    const bad = await takeDailyBackup({ db, dataDir, now: NOW + DAY_MS, keep: 7 });
    writeFileSync(bad!, 'not a database');
    expect(newestGoodBackup(dataDir)).toBe(good);
    expect(existsSync(`${good}.partial`)).toBe(false);
  });
});
