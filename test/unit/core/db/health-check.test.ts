// The headless host's start-time database check: what fails at once is refused at once, and
// PRAGMA quick_check, which reads every page, runs in a child process so that it neither delays
// the host's listening nor holds its event loop. Real databases in temp directories, real processes.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUICK_CHECK } from '../../../../src-main/core/db/data-dir';
import { checkDatabaseAtStart } from '../../../../src-main/core/db/health-check';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { AppError } from '../../../../src-main/core/lib/errors';
import { makeTestRuntime, startedTestRuntime } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const pragma = Database.prototype.pragma;
const onMainThread: string[] = [];
afterEach(() => {
  Database.prototype.pragma = pragma;
  onMainThread.length = 0;
});

/** Records every pragma this process runs; the child's own copy of better-sqlite3 is not patched. */
function recordPragmas(): void {
  Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    onMainThread.push(source);
    return pragma.call(this, source, options);
  } as typeof pragma;
}

async function closedDatabase(): Promise<{ dataDir: string; file: string }> {
  const t = await startedTestRuntime();
  for (let i = 0; i < 50; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
  await t.runtime.stop();
  return { dataDir: t.dataDir, file: join(t.dataDir, DATABASE_FILE) };
}

function damageIndex(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'tasks_by_status'`).pluck().get() as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
}

const check = (where: { dataDir: string; file: string }, now = Date.now()) =>
  checkDatabaseAtStart({ ...where, now, displayTimezone: 'America/Denver' });

describe('the start-time database check', () => {
  it('finds a damaged index in a child process, says what to do, and changes nothing', async () => {
    const where = await closedDatabase();
    damageIndex(where.file);
    const before = sha(where.file);
    recordPragmas();
    const error = await check(where).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AppError.isInstance(error) && error.details.problem).toBe('corrupt');
    expect((error as Error).message).toMatch(/is damaged \(quick_check found: .*index tasks_by_status.*\)/);
    // The runtime's first wake took a backup before the damage: the message points to it.
    expect((error as Error).message).toContain('Restore the newest good backup');
    // Only the backups, once damage is found, are checked in this process (to name a good one).
    expect(onMainThread).not.toContain(QUICK_CHECK);
    expect(sha(where.file)).toBe(before);
  });

  it('passes a healthy database without running quick_check in the calling process', async () => {
    const where = await closedDatabase();
    recordPragmas();
    await expect(check(where)).resolves.toBeUndefined();
    expect(onMainThread.filter((source) => source.startsWith('quick_check'))).toEqual([]);
  });

  it('has nothing to check on a first start and creates no file', async () => {
    const dataDir = makeTempDir();
    const file = join(dataDir, DATABASE_FILE);
    await expect(check({ dataDir, file })).resolves.toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a file that is not a database at once, before any child process', () => {
    const dataDir = makeTempDir();
    const file = join(dataDir, DATABASE_FILE);
    writeFileSync(file, 'not sqlite\n'.repeat(500));
    expect(() => check({ dataDir, file })).toThrow(/is damaged \(file is not a database\)/);
  });

  it('refuses at once a directory that a live runtime owns, naming it', async () => {
    const t = makeTestRuntime();
    await t.runtime.start();
    try {
      const where = { dataDir: t.dataDir, file: join(t.dataDir, DATABASE_FILE) };
      expect(() => check(where, t.clock.now())).toThrow(
        new RegExp(`is in use by another Ridgeline \\(\\w+ host, process ${process.pid} .*running since`),
      );
    } finally {
      await t.runtime.stop();
    }
  });
});
