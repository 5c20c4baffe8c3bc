// Moves the write-ahead log into the database file when nothing is about to happen. SQLite's own
// automatic checkpoint runs inside whichever commit crosses 1,000 log pages, with two disk syncs:
// a scheduled fire or an API write now and then took several milliseconds more for it. Here the
// runtime's connection never checkpoints on commit; a passive checkpoint runs a while after writes,
// once no fire is under way or due within three times as long as the last checkpoint took (so
// between two fires even when they come every few tens of milliseconds), and at the latest after
// MAX_DEFER_MS.
//
// The disk syncs run off the event loop. A checkpoint SQLite synced itself held the event loop for
// 73 to 97 ms after each burst of 1,000 fires, nearly all of it in the two syncs, and every API call
// waited behind it. So a checkpoint goes in steps, and only the copy holds the event loop:
// 1. A second connection opens a read transaction. Its snapshot includes every frame now in the
//    log, so SQLite neither copies a later frame nor lets a writer start the log over (overwriting
//    frames) while it is open.
// 2. The log is synced on libuv's thread pool: the frames to be copied are on disk.
// 3. The checkpoint copies them into the database file, with syncs off for that one statement.
// 4. The database file is synced on the thread pool: the copies are on disk.
// 5. The read transaction ends, and the log may start over.
// A power cut at any step leaves the frames in the synced log, from which SQLite recovers.
//
// The first commit after a checkpoint that emptied the log starts the log over, and syncs its new
// header to disk first: 0.2-0.9 ms here, which a fire or an API write would otherwise pay. A small
// write made right after the checkpoint, in the same quiet moment, takes that sync instead.
import type { Database } from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Clock } from '../lib/clock';

/** A checkpoint follows by this long the commit that made the log worth one. */
export const CHECKPOINT_AFTER_MS = 1000;
/**
 * Commits in the log before a checkpoint is worth its two disk syncs: an idle scheduler's heartbeat
 * every 30 s does not wake the disk every 30 s.
 */
export const COMMITS_PER_CHECKPOINT = 32;
/** How long a checkpoint waits for a quiet moment before it runs anyway. */
export const MAX_DEFER_MS = 5000;
/** Retried this often while the scheduler is busy or a fire is near. */
const RETRY_MS = 20;
/**
 * A checkpoint starts only when no fire is due within three times as long as the last one took,
 * and never within this long of one.
 */
export const MIN_CLEAR_MS = 20;

export interface Checkpointer {
  /** Called after every commit of the runtime's connection. */
  committed(): void;
  /** Resolves once no checkpoint is under way. */
  idle(): Promise<void>;
  /**
   * Ends a checkpoint under way before its copy; one that copied ends once its copies are on disk.
   * The database can be closed once idle() resolves.
   */
  stop(): void;
}

/** Syncs a file to disk without holding the event loop. */
export type SyncFile = (path: string) => Promise<void>;

export const syncFile: SyncFile = async (path) => {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** The same, holding the event loop: when the thread pool's sync failed. */
function syncFileNow(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export function createCheckpointer(deps: {
  db: Database;
  clock: Clock;
  /** True while a checkpoint would delay work about to happen: a fire under way, or due within `clearMs`. */
  busy: (clearMs: number) => boolean;
  /** A small write, made right after a checkpoint that emptied the log: it starts the log over. */
  restartLog?: () => void;
  /** Opens another connection to the same database file, which holds the log during a checkpoint. */
  openReader: () => Database;
  /** Syncs a file; the real fsync on the thread pool unless given. */
  sync?: SyncFile;
}): Checkpointer {
  const { db, clock } = deps;
  const sync = deps.sync ?? syncFile;
  const databaseFile = db.name;
  const logFile = `${db.name}-wal`;
  db.pragma('wal_autocheckpoint = 0');
  const copy = db.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(PASSIVE)');
  const look = db.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(NOOP)');
  let reader: Database | undefined;
  let cancel: (() => void) | undefined;
  /** Ends the wait for a quiet moment at once. */
  let waitQuiet: (() => void) | undefined;
  let waitingSince: number | undefined;
  let running: Promise<void> | undefined;
  /** True from a copy until the database file is synced: the log must not start over meanwhile. */
  let syncingCopies = false;
  let stopped = false;
  let lastTookMs = 0;
  let commits = 0;

  function restart(): void {
    try {
      deps.restartLog?.();
    } catch {
      // Nothing is lost: the next commit starts the log over, and meets whatever stopped this one.
    }
  }

  function closeReader(): void {
    if (!reader?.open) return;
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }

  const clearMs = (): number => Math.max(MIN_CLEAR_MS, 3 * lastTookMs);

  /** Resolves once no fire is near, once the checkpoint has waited MAX_DEFER_MS since it was due, or on stop. */
  function quiet(since: number): Promise<void> {
    return new Promise((done) => {
      const check = (): void => {
        waitQuiet = undefined;
        if (stopped || !deps.busy(clearMs()) || clock.monotonicMs() - since >= MAX_DEFER_MS) return done();
        const cancelCheck = clock.setTimer(check, RETRY_MS);
        waitQuiet = () => {
          cancelCheck();
          done();
        };
      };
      check();
    });
  }

  /** Copies the synced frames into the database file, the one step that holds the event loop. */
  function copyUnsynced(): CheckpointResult {
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    const started = clock.monotonicMs();
    db.pragma('synchronous = OFF');
    try {
      return copy.get()!;
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
      lastTookMs = clock.monotonicMs() - started;
    }
  }

  async function checkpoint(since: number): Promise<void> {
    commits = 0;
    const before = look.get()!;
    if (before.log === before.checkpointed) return;
    reader ??= deps.openReader();
    const holder = reader;
    holder.exec('BEGIN');
    let copied: CheckpointResult | undefined;
    try {
      holder.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
      await sync(logFile);
      await quiet(since);
      if (stopped) return;
      syncingCopies = true;
      copied = copyUnsynced();
      await sync(databaseFile).catch(() => syncFileNow(databaseFile));
    } catch {
      // Until a copy is synced the log keeps its frames: a later checkpoint copies them again.
      copied = undefined;
    } finally {
      syncingCopies = false;
      if (holder.open && holder.inTransaction) holder.exec('COMMIT');
      if (stopped) closeReader();
    }
    if (!stopped && copied && copied.busy === 0 && copied.log > 0 && copied.checkpointed === copied.log) restart();
  }

  function run(): void {
    cancel = undefined;
    if (waitingSince === undefined || stopped) return;
    if (running || (deps.busy(clearMs()) && clock.monotonicMs() - waitingSince < MAX_DEFER_MS)) {
      cancel = clock.setTimer(run, RETRY_MS);
      return;
    }
    const since = waitingSince;
    waitingSince = undefined;
    running = checkpoint(since)
      // A database that cannot be read now is checkpointed by a later attempt, or by SQLite on close.
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }

  return {
    committed() {
      commits++;
      if (waitingSince !== undefined || stopped || commits < COMMITS_PER_CHECKPOINT) return;
      waitingSince = clock.monotonicMs();
      cancel = clock.setTimer(run, CHECKPOINT_AFTER_MS);
    },
    idle: () => running ?? Promise.resolve(),
    stop() {
      stopped = true;
      cancel?.();
      waitQuiet?.();
      // Copies not yet on disk keep the log held until they are (idle() resolves then).
      if (!syncingCopies) closeReader();
    },
  };
}
