// Opens the data directory's database: refuses a newer schema before touching anything, then sets
// WAL, foreign keys and durability, and takes ownership and migrates in one transaction.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { claimOwnership, type OwnerIdentity } from './ownership';

export const DATABASE_FILE = 'ridgeline.db';

export interface OpenOptions {
  /** Path to a better-sqlite3 addon built for the current runtime (Electron needs its own build). */
  nativeBinding?: string;
  /** SQLite `synchronous` in WAL mode; NORMAL unless given (the benchmark measures FULL too). */
  synchronous?: SynchronousMode;
}

export type SynchronousMode = 'NORMAL' | 'FULL';

export function openDatabaseFile(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    assertNotNewer(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Statement and savepoint journals (a write nested in a transaction runs as a savepoint) stay
    // in memory instead of spilling to temp files: a busy queue wrote thousands of them a second.
    db.pragma('temp_store = MEMORY');
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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DATABASE_FILE);
  const db = openDatabaseFile(file, options);
  try {
    let migratedFrom = 0;
    // Migrations run with foreign keys off (see migrate); they are on again before any other write.
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      migratedFrom = schemaVersion(db);
      // Version 0 has no owner table yet; creating it here cannot race, the transaction is IMMEDIATE.
      if (migratedFrom === 0) migrate(db, 1);
      claimOwnership(db, me, now, dataDir, displayTimezone);
      migrate(db);
    }).immediate();
    db.pragma('foreign_keys = ON');
    return { db, file, migratedFrom };
  } catch (error) {
    db.close();
    throw error;
  }
}
