// Upkeep the scheduler's wake drives, through the Clock: a daily online backup of the database
// and an hourly pruning of finished runs past the retention period. Both work in small steps
// between other work, so neither holds the event loop or the write lock for long.
import type { Database } from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Settings } from '../ports';
import { backupFileName, takeDailyBackup } from '../db/backup';
import type { RetentionRepo } from '../db/repos/retention-repo';

export const PRUNE_EVERY_MS = 60 * 60 * 1000;
export const PRUNE_BATCH_RUNS = 20;
export const PRUNE_BATCH_OCCURRENCES = 500;
export const VACUUM_STEP_PAGES = 256;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface MaintenanceDeps {
  db: Database;
  retention: RetentionRepo;
  clock: Clock;
  logger: Logger;
  settings: Settings;
  dataDir: string;
}

export interface Maintenance {
  /** Called on every scheduler wake; starts whatever upkeep is due. */
  onWake(now: number): void;
  /** Resolves when no backup or pruning is in progress. */
  idle(): Promise<void>;
  /** Stops pruning and waits for a backup in progress, before the database closes. */
  stop(): Promise<void>;
}

export function createMaintenance(deps: MaintenanceDeps): Maintenance {
  const { clock, logger, retention } = deps;
  let backedUpFor: string | undefined;
  let backup: Promise<void> | undefined;
  let lastPruneAt: number | undefined;
  let pruning: Promise<void> | undefined;
  let cancelStep: (() => void) | undefined;
  let stopped = false;

  function startBackup(now: number): void {
    const day = backupFileName(now);
    backup = takeDailyBackup({ db: deps.db, dataDir: deps.dataDir, now, keep: deps.settings.get().backups.keep })
      .then((file) => {
        backedUpFor = day;
        if (file) logger.info('Database backed up', { file });
      })
      .catch((error: unknown) =>
        logger.warn('Database backup failed; trying again at the next wake', { error: String(error) }),
      )
      .finally(() => (backup = undefined));
  }

  function startPruning(now: number): void {
    lastPruneAt = now;
    const finishedBefore = now - deps.settings.get().retention.finishedRunDays * DAY_MS;
    let pruned = 0;
    pruning = new Promise<void>((done) => {
      const step = (): void => {
        cancelStep = undefined;
        try {
          const deleted = stopped ? 0 : retention.pruneFinishedRuns(finishedBefore, PRUNE_BATCH_RUNS);
          // The occurrence ledger keeps as long as the runs it points at.
          const ledger = stopped ? 0 : retention.pruneOccurrences(finishedBefore, PRUNE_BATCH_OCCURRENCES);
          pruned += deleted;
          if (!stopped) retention.incrementalVacuum(VACUUM_STEP_PAGES);
          const more = deleted === PRUNE_BATCH_RUNS || ledger === PRUNE_BATCH_OCCURRENCES;
          if (!stopped && (more || retention.freePages() > 0)) {
            cancelStep = clock.setTimer(step, 0);
            return;
          }
          if (pruned > 0) logger.info('Pruned finished runs past the retention period', { pruned, finishedBefore });
        } catch (error) {
          logger.warn('Pruning finished runs failed; trying again in an hour', { error: String(error) });
        }
        pruning = undefined;
        done();
      };
      // Outside the scheduler tick's transaction: each batch commits on its own.
      cancelStep = clock.setTimer(step, 0);
    });
  }

  const idle = async (): Promise<void> => {
    while (backup || pruning) await Promise.all([backup, pruning]);
  };

  return {
    onWake(now) {
      if (stopped) return;
      if (!backup && backedUpFor !== backupFileName(now)) startBackup(now);
      // A clock set back would otherwise stop the hourly pruning until it caught up again.
      const due = lastPruneAt === undefined || now - lastPruneAt >= PRUNE_EVERY_MS || now < lastPruneAt;
      if (!pruning && due) startPruning(now);
    },
    idle,
    async stop() {
      stopped = true;
      if (cancelStep) {
        cancelStep();
        cancelStep = undefined;
        pruning = undefined;
      }
      await idle();
    },
  };
}
