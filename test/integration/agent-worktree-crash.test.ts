// The built headless host as a child process, killed with SIGKILL while a coding agent works in its
// worktree: the worktree outlives the host, and the restarted host removes it (after stopping the
// agent's processes) before the step runs again in a fresh one; the user's checkout is never touched.
// The coding-agent CLI is test/fixtures/fake-coding-agent.mjs (the real ones cannot run here).
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { checkoutFingerprint, fakeAgentBin, git, makeDirtyCheckout, recordedCalls } from '../helpers/git-checkout';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';
import { processIsGone } from '../unit/core/tools/tool-context';

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

const hosts: HeadlessHost[] = [];
const strays: number[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('a coding agent’s worktree after the host is killed', () => {
  it(
    'is removed at the next start, before the step runs again, and the checkout stays as it was',
    { timeout: 90_000 },
    async () => {
      const dataDir = makeTempDir();
      const checkout = makeDirtyCheckout();
      const before = checkoutFingerprint(checkout);
      const bin = fakeAgentBin();
      const record = join(makeTempDir(), 'calls.jsonl');
      // The first copy of the agent hangs mid-work; the second finishes.
      const hangFlag = join(makeTempDir(), 'hang');
      writeFileSync(hangFlag, '');
      const first = await startHeadlessHost({ dataDir });
      hosts.push(first);
      const project = await call<{ id: string }>(first, 'projects.create', { name: 'App', workDir: checkout });
      const task = await call<{ id: string }>(first, 'tasks.create', {
        title: 'Overnight refactor',
        taskType: 'refactor',
        projectId: project.id,
        pipeline: {
          steps: [
            {
              id: 'agent',
              uses: 'agent.run',
              with: {
                cli: 'custom',
                command: join(bin, 'custom-agent'),
                prompt: 'Refactor',
                env: {
                  FAKE_AGENT_RECORD: record,
                  FAKE_AGENT_WRITE: 'src/refactored.js=export {};',
                  FAKE_AGENT_HANG_FLAG: hangFlag,
                },
              },
            },
          ],
        },
      });
      const run = await call<{ id: string }>(first, 'tasks.runNow', { id: task.id });
      await until(() => recordedCalls(record).length === 1, 'the agent to start');
      const firstCall = recordedCalls(record)[0]!;
      strays.push(firstCall.pid);
      await until(() => existsSync(join(firstCall.cwd, 'src/refactored.js')), 'the agent to write in its worktree');

      await first.kill();
      hosts.splice(0);
      // The problem: the worktree, and the agent in it, outlive the host.
      expect(existsSync(firstCall.cwd)).toBe(true);
      expect(git(checkout, 'worktree', 'list')).toContain(firstCall.cwd);

      const second = await startHeadlessHost({ dataDir });
      hosts.push(second);
      await until(() => !existsSync(firstCall.cwd), 'the leftover worktree to be removed');
      const status = () =>
        query<{ status: string }>(dataDir, 'SELECT status FROM runs WHERE id = ?', run.id)[0]?.status;
      await until(() => status() === 'succeeded' || status() === 'failed', 'the resumed run to finish');
      expect(status()).toBe('succeeded');

      expect(processIsGone(firstCall.pid)).toBe(true);
      const calls = recordedCalls(record);
      expect(calls).toHaveLength(2);
      expect(calls[1]!.cwd).not.toBe(firstCall.cwd);
      expect(existsSync(calls[1]!.cwd)).toBe(false);
      expect(git(checkout, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
      expect(query(dataDir, 'SELECT * FROM agent_worktrees')).toEqual([]);
      const events = query<{ summary: string }>(
        dataDir,
        `SELECT summary FROM events WHERE run_id = ? AND type = 'run:worktree-removed'`,
        run.id,
      );
      expect(events).toEqual([
        {
          summary: `Removed the worktree of the step 'agent' left by the host that stopped, and its empty branch aos/refactor/${task.id.slice(0, 8)}`,
        },
      ]);
      const branch = `aos/refactor/${task.id.slice(0, 8)}`;
      expect(git(checkout, 'show', `${branch}:src/refactored.js`)).toBe('export {};\n');
      expect(checkoutFingerprint(checkout)).toBe(before);
    },
  );
});
