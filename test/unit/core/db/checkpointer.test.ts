import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_AFTER_MS,
  COMMITS_PER_CHECKPOINT,
  createCheckpointer as createWith,
  MAX_DEFER_MS,
  MIN_CLEAR_MS,
  type SyncFile,
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
  return { db, file, write, dbFileSize: () => statSync(file).size };
}

type Deps = Omit<Parameters<typeof createWith>[0], 'openReader'>;

/** The checkpointer with a second connection to the same file, as the runtime gives it. */
function createCheckpointer(deps: Deps) {
  return createWith({ ...deps, openReader: () => new Database(deps.db.name) });
}

/** A sync each test ends by hand, in the order the checkpointer asked for them. */
function heldSyncs() {
  const asked: { path: string; end: () => void }[] = [];
  const sync: SyncFile = (path) => new Promise((done) => asked.push({ path, end: done }));
  return { asked, sync };
}

const settle = () => new Promise((done) => setImmediate(done));

/** Enough commits of `rows` rows each for a checkpoint, each told to the checkpointer. */
function commitEnough(write: (rows: number) => void, checkpointer: { committed(): void }, rows = 10): void {
  for (let i = 0; i < COMMITS_PER_CHECKPOINT; i++) {
    write(rows);
    checkpointer.committed();
  }
}

/** A checkpoint started on a full log, waiting for the first sync its test ends by hand. */
async function startedWithHeldSyncs(busy: () => boolean = () => false) {
  const database = walDatabase();
  const clock = new FakeClock();
  const { asked, sync } = heldSyncs();
  const checkpointer = createCheckpointer({ db: database.db, clock, busy, sync });
  commitEnough(database.write, checkpointer);
  clock.advance(CHECKPOINT_AFTER_MS);
  await settle();
  return { ...database, clock, asked, checkpointer };
}

/** Frames in the log, as a checkpoint that copies none reports them. */
function logFrames(file: string): number {
  const reader = new Database(file);
  try {
    const [row] = reader.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>;
    return row!.log;
  } finally {
    reader.close();
  }
}

describe('the write-ahead log checkpointer', () => {
  it('leaves commits alone, and copies the log into the database a while after writes', async () => {
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
    await checkpointer.idle();
    expect(dbFileSize()).toBeGreaterThan(before + 8_000_000);
    checkpointer.stop();
  });

  it('waits while the scheduler is busy, and runs anyway once it has waited MAX_DEFER_MS', async () => {
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
    await checkpointer.idle();
    expect(dbFileSize()).toBeGreaterThan(before);

    const copied = dbFileSize();
    busy = true;
    commit();
    clock.advance(MAX_DEFER_MS - 100);
    expect(dbFileSize()).toBe(copied);
    clock.advance(200);
    await checkpointer.idle();
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

  it('starts the log over right after a checkpoint that emptied it, with the small write it is given', async () => {
    const { db, file, write } = walDatabase();
    const clock = new FakeClock();
    let restarts = 0;
    const restartLog = () => {
      restarts++;
      db.prepare('INSERT INTO t VALUES (randomblob(10))').run();
    };
    const checkpointer = createCheckpointer({ db, clock, busy: () => false, restartLog });
    commitEnough(write, checkpointer);
    expect(logFrames(file)).toBeGreaterThan(300);
    clock.advance(CHECKPOINT_AFTER_MS);
    await checkpointer.idle();
    expect(restarts).toBe(1);
    // The small write went to the start of the log: the next commit will not restart it.
    expect(logFrames(file)).toBeLessThanOrEqual(2);
    checkpointer.stop();
  });

  it('leaves the log alone when a reader kept the checkpoint from emptying it, and survives a failed restart', async () => {
    const { db, file, write } = walDatabase();
    const clock = new FakeClock();
    let restarts = 0;
    const checkpointer = createCheckpointer({
      db,
      clock,
      busy: () => false,
      restartLog: () => {
        restarts++;
        throw new Error('disk full');
      },
    });
    write(10);
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    commitEnough(write, checkpointer);
    clock.advance(CHECKPOINT_AFTER_MS);
    await checkpointer.idle();
    expect(restarts).toBe(0);
    reader.exec('COMMIT');
    reader.close();
    commitEnough(write, checkpointer, 1);
    expect(() => clock.advance(CHECKPOINT_AFTER_MS)).not.toThrow();
    await checkpointer.idle();
    expect(restarts).toBe(1);
    checkpointer.stop();
  });

  it('syncs the log before the copy and the database file after it, and the log does not start over in between', async () => {
    const { db, file, write, dbFileSize } = walDatabase();
    const clock = new FakeClock();
    const { asked, sync } = heldSyncs();
    let restarts = 0;
    const checkpointer = createCheckpointer({ db, clock, busy: () => false, sync, restartLog: () => restarts++ });
    db.pragma('synchronous = FULL');
    commitEnough(write, checkpointer);
    const before = dbFileSize();
    clock.advance(CHECKPOINT_AFTER_MS);
    await settle();
    // Nothing is copied until the log is on disk.
    expect(asked.map((a) => a.path)).toEqual([`${file}-wal`]);
    expect(dbFileSize()).toBe(before);

    asked[0]!.end();
    await settle();
    expect(dbFileSize()).toBeGreaterThan(before + 900_000);
    expect(asked.map((a) => a.path)).toEqual([`${file}-wal`, file]);
    // The copy ran with syncs off, and the connection is back to its own setting.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);

    // Every frame is copied, but the copies may not be on disk: a commit now appends to the log
    // instead of writing over the frames at its start.
    const frames = logFrames(file);
    write(1);
    expect(logFrames(file)).toBeGreaterThan(frames);
    expect(restarts).toBe(0);

    asked[1]!.end();
    await checkpointer.idle();
    expect(restarts).toBe(1);
    checkpointer.stop();
  });

  it('gives the log back when stopped in the middle of a checkpoint, so the database closes cleanly', async () => {
    const { db, file, asked, checkpointer } = await startedWithHeldSyncs();
    expect(asked).toHaveLength(1);
    checkpointer.stop();
    // The last connection closing copies the log itself and deletes it.
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    asked[0]!.end();
    await checkpointer.idle();
    expect(asked).toHaveLength(1);
  });

  it('keeps the log held when stopped while its copies are synced, until they are', async () => {
    const { db, file, write, asked, checkpointer } = await startedWithHeldSyncs();
    asked[0]!.end();
    await settle();
    expect(asked).toHaveLength(2);
    checkpointer.stop();
    const frames = logFrames(file);
    write(1);
    expect(logFrames(file)).toBeGreaterThan(frames);
    asked[1]!.end();
    await checkpointer.idle();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('stops waiting for a quiet moment when stopped', async () => {
    let busy = false;
    const { clock, asked, checkpointer } = await startedWithHeldSyncs(() => busy);
    busy = true;
    asked[0]!.end();
    await settle();
    expect(asked).toHaveLength(1);
    checkpointer.stop();
    await checkpointer.idle();
    expect(asked).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });
});
