// The built headless host as a child process, killed with SIGKILL while a shell step's child and
// grandchild write heartbeats: they outlive the host, and the restarted host stops them before the
// step runs again, so two copies of the step never run at once.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';
import { processIsGone } from '../unit/core/tools/tool-context';

const fixture = resolve(__dirname, '../fixtures/heartbeat-family.mjs');

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Reads the database beside the live host, read-only. */
function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

interface Beat {
  copy: number;
  who: string;
  at: number;
}

function beats(dir: string): Beat[] {
  return readFileSync(join(dir, 'beats.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [copy, who, at] = line.split(' ');
      return { copy: Number(copy), who: who!, at: Number(at) };
    });
}

const pidsOf = (dir: string, copy: number): number[] =>
  Object.values(JSON.parse(readFileSync(join(dir, `pids-${copy}.json`), 'utf8')) as Record<string, number>);

const hosts: HeadlessHost[] = [];
const strays: number[] = [];
afterEach(async () => {
  // A failed test must leave neither a host nor heartbeat writers behind.
  for (const host of hosts.splice(0)) await host.kill();
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('crash recovery and the processes of the step that was running', () => {
  it('stops what the killed host left running before the step runs again', { timeout: 90_000 }, async () => {
    const dataDir = makeTempDir();
    const dir = makeTempDir();
    const first = await startHeadlessHost({ dataDir });
    hosts.push(first);
    const task = await call<{ id: string }>(first, 'tasks.create', {
      title: 'Coding chore',
      pipeline: { steps: [{ id: 'agent', uses: 'shell.exec', with: { argv: [process.execPath, fixture, dir] } }] },
    });
    const run = await call<{ id: string }>(first, 'tasks.runNow', { id: task.id });
    await until(() => existsSync(join(dir, 'pids-1.json')), 'the first copy of the step to start');
    const firstCopy = pidsOf(dir, 1);
    strays.push(...firstCopy);

    await first.kill();
    hosts.splice(0);
    // The problem: the step's processes outlive the host and go on writing.
    const before = beats(dir).filter((b) => b.copy === 1).length;
    await delay(300);
    expect(firstCopy.filter(processIsGone)).toEqual([]);
    expect(beats(dir).filter((b) => b.copy === 1).length).toBeGreaterThan(before);

    const second = await startHeadlessHost({ dataDir });
    hosts.push(second);
    const status = () => query<{ status: string }>(dataDir, 'SELECT status FROM runs WHERE id = ?', run.id)[0]?.status;
    await until(() => status() === 'succeeded', 'the resumed run to succeed');

    // When the second copy started, nothing of the first was alive, and no beat of the first copy
    // follows the second copy's start: there were never two writers at once.
    const start = JSON.parse(readFileSync(join(dir, 'start-2.json'), 'utf8')) as { previousAlive: number[] };
    expect(start.previousAlive).toEqual([]);
    expect(firstCopy.filter((pid) => !processIsGone(pid))).toEqual([]);
    const log = beats(dir);
    const secondStarts = log.findIndex((b) => b.copy === 2);
    expect(secondStarts).toBeGreaterThan(0);
    expect(log.slice(secondStarts).filter((b) => b.copy === 1)).toEqual([]);
    expect(readFileSync(join(dir, 'copies'), 'utf8')).toBe('1\n2\n');

    const message = "Stopped 3 processes left from the step 'agent' before the host restarted";
    const lines = query<{ message: string }>(dataDir, 'SELECT message FROM run_logs WHERE run_id = ?', run.id);
    expect(lines.map((l) => l.message)).toContain(message);
    const events = query<{ summary: string }>(
      dataDir,
      `SELECT summary FROM events WHERE run_id = ? AND type = 'run:processes-stopped'`,
      run.id,
    );
    expect(events).toEqual([{ summary: message }]);
    expect(query(dataDir, 'SELECT * FROM step_processes')).toEqual([]);
  });
});
