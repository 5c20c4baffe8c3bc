// Moves the write-ahead log into the database file when nothing is about to happen. SQLite's own
// automatic checkpoint runs inside whichever commit crosses 1,000 log pages, with two disk syncs:
// a scheduled fire or an API write now and then took several milliseconds more for it. Here the
// runtime's connection never checkpoints on commit; a passive checkpoint runs a while after writes,
// once no fire is under way or due within three times as long as the last checkpoint took (so
// between two fires even when they come every few tens of milliseconds), and at the latest after
// MAX_DEFER_MS.
//
// The first commit after a checkpoint that emptied the log starts the log over, and syncs its new
// header to disk first: 0.2-0.9 ms here, which a fire or an API write would otherwise pay. A small
// write made right after the checkpoint, in the same quiet moment, takes that sync instead.
import type { Database } from 'better-sqlite3';
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
  stop(): void;
}

export function createCheckpointer(deps: {
  db: Database;
  clock: Clock;
  /** True while a checkpoint would delay work about to happen: a fire under way, or due within `clearMs`. */
  busy: (clearMs: number) => boolean;
  /** A small write, made right after a checkpoint that emptied the log: it starts the log over. */
  restartLog?: () => void;
}): Checkpointer {
  const { db, clock } = deps;
  db.pragma('wal_autocheckpoint = 0');
  const checkpoint = db.prepare<[], { busy: number; log: number; checkpointed: number }>(
    'PRAGMA wal_checkpoint(PASSIVE)',
  );
  let cancel: (() => void) | undefined;
  let waitingSince: number | undefined;
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

  function checkpointNow(): void {
    commits = 0;
    const started = clock.monotonicMs();
    const { busy, log, checkpointed } = checkpoint.get()!;
    if (busy === 0 && log > 0 && checkpointed === log) restart();
    lastTookMs = clock.monotonicMs() - started;
  }

  function run(): void {
    cancel = undefined;
    if (waitingSince === undefined || stopped) return;
    const clearMs = Math.max(MIN_CLEAR_MS, 3 * lastTookMs);
    if (deps.busy(clearMs) && clock.monotonicMs() - waitingSince < MAX_DEFER_MS) {
      cancel = clock.setTimer(run, RETRY_MS);
      return;
    }
    waitingSince = undefined;
    checkpointNow();
  }

  return {
    committed() {
      commits++;
      if (waitingSince !== undefined || stopped || commits < COMMITS_PER_CHECKPOINT) return;
      waitingSince = clock.monotonicMs();
      cancel = clock.setTimer(run, CHECKPOINT_AFTER_MS);
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
