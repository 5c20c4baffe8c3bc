import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDir, takeDailyBackup } from '../../../../src-main/core/db/backup';
import { explainDataDirFailure } from '../../../../src-main/core/db/data-dir';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { AppError } from '../../../../src-main/core/lib/errors';
import { makeTestRuntime, startedTestRuntime } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function startError(dataDir: string): Promise<AppError> {
  const { runtime } = makeTestRuntime({ dataDir });
  const error = await runtime.start().then(
    () => undefined,
    (e: unknown) => e,
  );
  await runtime.stop();
  if (!AppError.isInstance(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A real database with rows, closed (so its WAL is checkpointed), and the page of one index. */
async function databaseWithIndex(): Promise<{ dataDir: string; file: string; pageOffset: number; pageSize: number }> {
  const t = await startedTestRuntime();
  for (let i = 0; i < 50; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
  await t.runtime.stop();
  const file = join(t.dataDir, DATABASE_FILE);
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'tasks_by_status'`).pluck().get() as number;
  db.close();
  return { dataDir: t.dataDir, file, pageOffset: (root - 1) * pageSize, pageSize };
}

function damagePage(file: string, offset: number, size: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, offset);
  closeSync(fd);
}

describe('a broken data directory', () => {
  it('refuses a ridgeline.db that is not a database, says so, and leaves it unchanged', async () => {
    const dataDir = makeTempDir();
    const file = join(dataDir, DATABASE_FILE);
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const before = sha(file);
    const error = await startError(dataDir);
    expect(error.code).toBe('data_dir_unusable');
    expect(error.details.problem).toBe('corrupt');
    expect(error.message).toContain(`The database ${file} is damaged (file is not a database)`);
    expect(error.message).toContain('No good backup was found');
    expect(error.message).not.toContain('\n');
    expect(sha(file)).toBe(before);
  });

  it('finds a damaged index at start with quick_check and names the newest good backup and how to restore it', async () => {
    const { dataDir, file, pageOffset, pageSize } = await databaseWithIndex();
    // The runtime took today's backup at its first wake; damage it too, so the message must pass
    // over it to an older good one.
    const today = join(backupDir(dataDir), 'ridgeline-2026-11-23.db');
    expect(statSync(today).mode & 0o777).toBe(0o600);
    const source = new Database(file, { readonly: true });
    const older = await takeDailyBackup({ db: source, dataDir, now: Date.parse('2026-11-21T12:00:00Z'), keep: 7 });
    source.close();
    damagePage(today, pageOffset, pageSize);
    damagePage(file, pageOffset, pageSize);
    const before = sha(file);

    const error = await startError(dataDir);
    expect(error.details.problem).toBe('corrupt');
    expect(error.message).toMatch(/is damaged \(quick_check found: .*index tasks_by_status.*\)/);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(`Restore the newest good backup, ${older}`);
    expect(error.message).toContain(`cp "${older}" "${file}"`);
    expect(sha(file)).toBe(before);
  });

  it('says the data directory is a file when a file is in its place', async () => {
    const path = join(makeTempDir(), 'Ridgeline');
    writeFileSync(path, 'not a directory');
    const error = await startError(path);
    expect(error.details.problem).toBe('not_a_directory');
    expect(error.message).toContain(`The data directory ${path} is not a directory`);
    expect(readFileSync(path, 'utf8')).toBe('not a directory');
  });

  it("says so when one of the data directory's parents is a file", async () => {
    const parent = join(makeTempDir(), 'file');
    writeFileSync(parent, 'x');
    const error = await startError(join(parent, 'Ridgeline'));
    expect(error.details.problem).toBe('not_a_directory');
    expect(error.message).toContain('(or in the place of one of its parents)');
  });

  it('maps a real SQLITE_READONLY and a real SQLITE_FULL to what to do', () => {
    const dataDir = makeTempDir();
    const file = join(dataDir, 'x.db');
    new Database(file).exec('CREATE TABLE t (x TEXT)');
    const readOnly = new Database(file, { readonly: true });
    const denied = (() => {
      try {
        readOnly.exec(`INSERT INTO t VALUES ('x')`);
      } catch (e) {
        return e;
      }
    })();
    readOnly.close();
    const full = new Database(file);
    full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true }) as number}`);
    const noSpace = (() => {
      try {
        for (let i = 0; i < 100; i++) full.prepare('INSERT INTO t VALUES (?)').run('y'.repeat(4000));
      } catch (e) {
        return e;
      }
    })();
    full.close();
    expect((denied as { code: string }).code).toBe('SQLITE_READONLY');
    expect((noSpace as { code: string }).code).toBe('SQLITE_FULL');
    const where = { dataDir, file };
    const readOnlyError = explainDataDirFailure(denied, where)!;
    expect(readOnlyError.details.problem).toBe('read_only');
    expect(readOnlyError.message).toContain(`Ridgeline cannot write to its data directory ${dataDir}`);
    expect(readOnlyError.message).toContain(`chmod -R u+rwX "${dataDir}"`);
    const fullError = explainDataDirFailure(noSpace, where)!;
    expect(fullError.details.problem).toBe('disk_full');
    expect(fullError.message).toBe(
      `The disk holding ${dataDir} is full (database or disk is full). Free some space on it, then start Ridgeline again.`,
    );
    expect(explainDataDirFailure(new Error('something else'), where)).toBeUndefined();
  });

  it('closes an existing directory to other users: 0700, database files 0600', async () => {
    const dataDir = join(makeTempDir(), 'open');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const t = await startedTestRuntime({ dataDir });
    const file = join(dataDir, DATABASE_FILE);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    await t.runtime.stop();
    chmodSync(file, 0o644);
    await t.runtime.start();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await t.runtime.stop();
    expect(backupDir(dataDir)).toBe(join(dataDir, 'backups'));
  });
});
