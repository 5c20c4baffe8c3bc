import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, migrations, schemaVersion } from '../../../../src-main/core/db/migrate';
import { DATABASE_FILE, openDatabaseFile } from '../../../../src-main/core/db/open';
import { AppError } from '../../../../src-main/core/lib/errors';
import { makeTestRuntime } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('are bundled, numbered 1..N with none missing', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(latestVersion).toBe(versions.at(-1));
  });

  it('refuses to run inside a transaction that has foreign keys on, where a table rebuild would cascade', () => {
    const db = new Database(join(makeTempDir(), 'fk.db'));
    db.pragma('foreign_keys = ON');
    expect(() => db.transaction(() => migrate(db))()).toThrow(/needs PRAGMA foreign_keys = OFF/);
    expect(schemaVersion(db)).toBe(0);
    migrate(db);
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('applying them twice changes nothing the second time', () => {
    const db = new Database(join(makeTempDir(), 'x.db'));
    migrate(db);
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
    expect(schemaVersion(db)).toBe(latestVersion);
  });

  it('refuses a database written by a newer version, names both versions, and leaves the file untouched', async () => {
    const dataDir = makeTempDir();
    const file = join(dataDir, DATABASE_FILE);
    const newer = new Database(file);
    newer.pragma('journal_mode = WAL');
    migrate(newer);
    newer.prepare(`INSERT INTO events (type, summary, created_at) VALUES ('x', 'from the future', 1)`).run();
    newer.pragma(`user_version = ${latestVersion + 1}`);
    newer.close();
    const before = sha(file);

    expect(() => openDatabaseFile(file)).toThrow(/written by a newer version of Ridgeline/);
    const { runtime } = makeTestRuntime({ dataDir });
    const error = await runtime.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AppError.isInstance(error) && error.code).toBe('database_too_new');
    expect((error as Error).message).toContain(`schema version ${latestVersion + 1}`);
    expect((error as Error).message).toContain('Nothing in it was changed');
    expect(sha(file)).toBe(before);
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT summary FROM events').pluck().all()).toEqual(['from the future']);
    check.close();
  });

  it('opens in WAL mode with foreign keys on', () => {
    const db = openDatabaseFile(join(makeTempDir(), 'w.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
