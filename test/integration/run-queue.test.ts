import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { FakeClock } from '../helpers/fake-clock';
import { makeTempDir } from '../helpers/temp-dir';
import { startedTestRuntime, type TestRuntime } from '../helpers/test-runtime';

// The whole runtime in process: the API queues a run, the worker executes it through real child
// processes, and a stop/start in the middle resumes it without repeating a completed step.
const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function start(options: { dataDir?: string; clock?: FakeClock } = {}): Promise<TestRuntime> {
  const t = await startedTestRuntime(options);
  running.push(t);
  return t;
}

async function until(t: TestRuntime, done: () => boolean, stepMs = 0): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function runStatus(dataDir: string, runId: string): string | undefined {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as string | undefined;
  } finally {
    db.close();
  }
}

const append = (id: string, file: string, letter: string) => ({
  id,
  uses: 'shell.exec',
  with: { argv: [process.execPath, '-e', `require('fs').appendFileSync(process.argv[1], '${letter}')`, file] },
});

describe('run queue in the runtime', () => {
  it('executes a run queued through the API and pushes its state changes and log lines', async () => {
    const t = await start();
    const file = join(t.dataDir, 'counter');
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Echo',
      pipeline: {
        steps: [
          append('a', file, 'a'),
          { id: 'hi', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'console.log("hi")'] } },
        ],
      },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, () => runStatus(t.dataDir, run.id) === 'succeeded');
    expect(readFileSync(file, 'utf8')).toBe('a');
    const updates = t.pushed
      .filter((m) => m.event === 'run:updated')
      .map((m) => (m.data as { run: { status: string } }).run.status);
    expect(updates).toEqual(['running', 'succeeded']);
    expect(t.pushed.some((m) => m.event === 'run:log')).toBe(true);
    expect(t.runtime.queueStats()).toMatchObject({ started: 1, finished: 1 });
  });

  it('interrupts a run at stop and resumes it at the next start without repeating completed steps', async () => {
    const dataDir = makeTempDir();
    const clock = new FakeClock();
    const first = await startedTestRuntime({ dataDir, clock });
    const file = join(dataDir, 'counter');
    const task = await first.runtime.api.call('tasks.create', {
      title: 'Three steps',
      pipeline: {
        steps: [
          append('one', file, 'a'),
          { id: 'pause', uses: 'wait', with: { ms: 60_000 } },
          append('two', file, 'b'),
        ],
      },
    });
    const run = await first.runtime.api.call('tasks.runNow', { id: task.id });
    await until(first, () => existsSync(file));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.runtime.stop();
    expect(runStatus(dataDir, run.id)).toBe('queued');
    const second = await start({ dataDir, clock });
    await until(second, () => runStatus(dataDir, run.id) === 'succeeded', 10_000);
    expect(readFileSync(file, 'utf8')).toBe('ab');
  });
});
