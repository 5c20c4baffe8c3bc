// Numbered, append-only migrations. The SQL files are bundled into the build at compile time;
// PRAGMA user_version records how far a database has been migrated.
import type { Database } from 'better-sqlite3';
import { AppError } from '../lib/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function loadMigrations(): Migration[] {
  const list = Object.entries(files).map(([path, sql]) => {
    const match = /\/(\d{4})-([a-z0-9-]+)\.sql$/.exec(path);
    if (!match) throw new Error(`Migration file ${path} is not named NNNN-name.sql`);
    return { version: Number(match[1]), name: match[2] ?? '', sql };
  });
  list.sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations are not numbered 1..N: expected ${i + 1}, found ${m.version}`);
  });
  return list;
}

export const migrations: readonly Migration[] = loadMigrations();
export const latestVersion: number = migrations.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses, without writing anything, a database written by a newer Ridgeline. */
export function assertNotNewer(db: Database, file: string): void {
  const version = schemaVersion(db);
  if (version > latestVersion) {
    throw new AppError(
      'database_too_new',
      `The database ${file} was written by a newer version of Ridgeline (schema version ${version}; ` +
        `this version knows up to ${latestVersion}). Update Ridgeline to open it. Nothing in it was changed.`,
      { file, schemaVersion: version, supportedVersion: latestVersion },
    );
  }
}

/**
 * Applies the migrations after the database's version, up to `target`. Runs inside the caller's
 * transaction when there is one, so taking ownership and migrating commit together.
 *
 * A migration may rebuild a table (SQLite's way to change a CHECK), and dropping the old table
 * with foreign keys on would cascade into every table that points at it. So migrations run with
 * foreign keys off, as SQLite's table-rebuild procedure says, and every reference is checked
 * before the transaction commits. A caller's transaction must have turned them off first (the
 * pragma does nothing inside a transaction).
 */
export function migrate(db: Database, target: number = latestVersion): void {
  const apply = (): void => {
    const from = schemaVersion(db);
    for (const m of migrations) {
      if (m.version <= schemaVersion(db) || m.version > target) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    if (schemaVersion(db) === from) return;
    const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new Error(
        `Migrating to version ${schemaVersion(db)} left ${broken.length} row(s) of ${first.table} pointing at missing ${first.parent} rows`,
      );
    }
  };
  const foreignKeysOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (db.inTransaction) {
    if (foreignKeysOn) throw new Error('migrate() in a transaction needs PRAGMA foreign_keys = OFF before it began');
    apply();
    return;
  }
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(apply).immediate();
  } finally {
    if (foreignKeysOn) db.pragma('foreign_keys = ON');
  }
}
