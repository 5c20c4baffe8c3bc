import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_AFTER_MS,
  COMMITS_PER_CHECKPOINT,
  createCheckpointer,
  MAX_DEFER_MS,
  MIN_CLEAR_MS,
} from '../../../../src-main/core/db/checkpointer';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';

function walDatabase() {
  const file = join(makeTempDir(), 'c.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x BLOB)');
  const write = (n: number) => {
    const insert = db.prepare('INSERT INTO t VALUES (randomblob(3000))');
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run();
    })();
  };
  return { db, write, dbFileSize: () => statSync(file).size };
}

describe('the write-ahead log checkpointer', () => {
  it('leaves commits alone, and copies the log into the database a while after writes', () => {
    const { db, write, dbFileSize } = walDatabase();
    const clock = new FakeClock();
    const checkpointer = createCheckpointer({ db, clock, busy: () => false });
    const before = dbFileSize();
    // Far past the 1,000 pages at which SQLite would have checkpointed inside a commit.
    for (let i = 0; i < COMMITS_PER_CHECKPOINT; i++) {
      write(100);
      checkpointer.committed();
    }
    expect(dbFileSize()).toBe(before);
    clock.advance(CHECKPOINT_AFTER_MS);
    expect(dbFileSize()).toBeGreaterThan(before + 8_000_000);
    checkpointer.stop();
  });

  it('waits while the scheduler is busy, and runs anyway once it has waited MAX_DEFER_MS', () => {
    const { db, write, dbFileSize } = walDatabase();
    const clock = new FakeClock();
    let busy = true;
    const asked: number[] = [];
    const checkpointer = createCheckpointer({
      db,
      clock,
      busy: (clearMs) => {
        asked.push(clearMs);
        return busy;
      },
    });
    const before = dbFileSize();
    const commit = () => {
      write(2);
      for (let i = 0; i < COMMITS_PER_CHECKPOINT; i++) checkpointer.committed();
    };
    commit();
    clock.advance(CHECKPOINT_AFTER_MS + 500);
    expect(dbFileSize()).toBe(before);
    // Asked for a clear stretch of at least MIN_CLEAR_MS before the next fire.
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(MIN_CLEAR_MS);
    busy = false;
    clock.advance(100);
    expect(dbFileSize()).toBeGreaterThan(before);

    const copied = dbFileSize();
    busy = true;
    commit();
    clock.advance(MAX_DEFER_MS - 100);
    expect(dbFileSize()).toBe(copied);
    clock.advance(200);
    expect(dbFileSize()).toBeGreaterThan(copied);
    checkpointer.stop();
  });

  it('sets no timer until enough commits wait in the log, and none after stop', () => {
    const { db, write } = walDatabase();
    const clock = new FakeClock();
    const checkpointer = createCheckpointer({ db, clock, busy: () => false });
    expect(clock.pendingTimers()).toBe(0);
    write(1);
    for (let i = 1; i < COMMITS_PER_CHECKPOINT; i++) checkpointer.committed();
    expect(clock.pendingTimers()).toBe(0);
    checkpointer.committed();
    checkpointer.committed();
    expect(clock.pendingTimers()).toBe(1);
    checkpointer.stop();
    expect(clock.pendingTimers()).toBe(0);
    checkpointer.committed();
    expect(clock.pendingTimers()).toBe(0);
  });
});
