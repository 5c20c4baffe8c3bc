// Opens the data directory's database: refuses a newer schema before touching anything, then sets
// WAL, foreign keys and durability, and takes ownership and migrates in one transaction.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { join } from 'node:path';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { claimOwnership, type OwnerIdentity } from './ownership';
import { assertHealthy, explainDataDirFailure, prepareDataDir, secureDataFiles } from './data-dir';

export const DATABASE_FILE = 'ridgeline.db';
const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * SQLite's page cache per connection, in KiB when negative. better-sqlite3 builds SQLite with 16 MB,
 * which a host filled within minutes of firing 10,000 schedules and kept: the largest part of its
 * idle memory. Reads walk indexes to a few pages and the operating system caches the file. A fire
 * slice of about 250 tasks dirties about 600 pages, which must stay in the cache until its commit:
 * 3 MB holds about 700. 2 MB doubled the API's p50 latency during the scale benchmark's bursts;
 * against 4 MB, 3 MB left the bursts and the reads as they were (p50 30 against 32-33 ms, in the
 * same hour) and the idle host 0.6-0.9 MB smaller.
 */
export const PAGE_CACHE_SIZE = -3_072;

export interface OpenOptions {
  /** Path to a better-sqlite3 addon built for the current runtime (Electron needs its own build). */
  nativeBinding?: string;
  /** SQLite `synchronous` in WAL mode; NORMAL unless given (the benchmark measures FULL too). */
  synchronous?: SynchronousMode;
  /** Runs `PRAGMA quick_check` before anything is written (the owned store does unless told false). */
  checkHealth?: boolean;
}

export type SynchronousMode = 'NORMAL' | 'FULL';

export function openDatabaseFile(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    assertNotNewer(db, file);
    if (options.checkHealth) assertHealthy(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Statement and savepoint journals (a write nested in a transaction runs as a savepoint) stay
    // in memory instead of spilling to temp files: a busy queue wrote thousands of them a second.
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = ${PAGE_CACHE_SIZE}`);
    // NORMAL in WAL mode: a crash of Ridgeline loses nothing committed and nothing is ever corrupted;
    // a power cut can undo the last commits, and an undone fire takes its next_run_at with it, so the
    // next start fires it again by the misfire policy. FULL would put a disk sync in every fire
    // (dispatch p99 measured 11-25 ms with FULL, 9-11 ms with NORMAL).
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Another connection to an open database's file, with the same addon, that only reads: the WAL
 * checkpointer holds the log with it. Its page cache is kept small, as it reads a page at most.
 */
export function openReaderConnection(file: string, nativeBinding?: string): Db {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -64');
  return db;
}

export interface OpenedStore {
  db: Db;
  file: string;
  migratedFrom: number;
}

export function openOwnedStore(
  dataDir: string,
  me: OwnerIdentity,
  now: number,
  displayTimezone: string,
  options: OpenOptions = {},
): OpenedStore {
  prepareDataDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  const where = { dataDir, file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  let db: Db | undefined;
  try {
    const opened = openDatabaseFile(file, { checkHealth: true, ...options });
    db = opened;
    let migratedFrom = 0;
    // Migrations run with foreign keys off (see migrate); they are on again before any other write.
    opened.pragma('foreign_keys = OFF');
    opened
      .transaction(() => {
        migratedFrom = schemaVersion(opened);
        // Version 0 has no owner table yet; creating it here cannot race, the transaction is IMMEDIATE.
        if (migratedFrom === 0) migrate(opened, 1);
        claimOwnership(opened, me, now, dataDir, displayTimezone);
        migrate(opened);
      })
      .immediate();
    opened.pragma('foreign_keys = ON');
    // Migration 0008 asks for INCREMENTAL auto_vacuum; a database with tables takes it at a VACUUM,
    // once, which a transaction cannot hold.
    if (opened.pragma('auto_vacuum', { simple: true }) !== AUTO_VACUUM_INCREMENTAL) opened.exec('VACUUM');
    secureDataFiles(dataDir, file);
    return { db: opened, file, migratedFrom };
  } catch (error) {
    db?.close();
    throw explainDataDirFailure(error, where) ?? error;
  }
}
