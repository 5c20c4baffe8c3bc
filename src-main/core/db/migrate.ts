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
  // A number may be left free for a migration that lands later, but never given twice.
  list.forEach((m, i) => {
    if (i > 0 && m.version === list[i - 1]!.version) throw new Error(`Two migrations are numbered ${m.version}`);
  });
  return list;
}

export const migrations: readonly Migration[] = loadMigrations();
export const latestVersion: number = migrations.at(-1)?.version ?? 0;

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
 */
export function migrate(db: Database, target: number = latestVersion): void {
  const apply = (): void => {
    for (const m of migrations) {
      if (m.version <= schemaVersion(db) || m.version > target) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  };
  if (db.inTransaction) apply();
  else db.transaction(apply).immediate();
}
