// The built headless host listens before its runtime is ready: a request sent the moment it prints
// its address waits and gets the real answer, and damage that only the full check of every page
// finds (in a worker, after the host listens) still stops the start with one paragraph and leaves
// the database as it was. Real child processes, real databases.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { HOST_FILE } from '../../src-main/os/host-file';
import { HEADLESS_ENTRY, startHeadlessHost } from '../helpers/headless-host';
import { startedTestRuntime } from '../helpers/test-runtime';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function databaseWithTasks(count: number): Promise<string> {
  const t = await startedTestRuntime();
  for (let i = 0; i < count; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
  await t.runtime.stop();
  return t.dataDir;
}

describe('the headless host start', () => {
  it('answers a call sent the moment it prints its address with the real data', async () => {
    const dataDir = await databaseWithTasks(3);
    const host = await startHeadlessHost({ dataDir });
    try {
      const answer = await fetch(`${host.baseUrl}/api/tasks.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { items: Array<{ title: string }> };
      expect(body.items.map((task) => task.title).sort()).toEqual(['Task 0', 'Task 1', 'Task 2']);
      expect(JSON.parse(readFileSync(join(dataDir, HOST_FILE), 'utf8'))).toMatchObject({ pid: host.pid });
    } finally {
      await host.stop();
    }
    expect(existsSync(join(dataDir, HOST_FILE))).toBe(false);
  });

  it('stops on a damaged index found by quick_check: exit 1, one paragraph, database unchanged, no host.json', async () => {
    const dataDir = await databaseWithTasks(50);
    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'tasks_by_status'`)
      .pluck()
      .get() as number;
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const before = sha(file);

    const result = spawnSync(process.execPath, [HEADLESS_ENTRY, '--data-dir', dataDir, '--port', '0'], {
      encoding: 'utf8',
      timeout: 15_000,
      env: { ...process.env, RIDGELINE_DATA_DIR: '', RIDGELINE_PORT: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Ridgeline could not start: The database .* is damaged \(quick_check found: /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dataDir, HOST_FILE))).toBe(false);
  });
});
