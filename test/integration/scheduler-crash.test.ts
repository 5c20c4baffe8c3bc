import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a child process, killed with SIGKILL around the instant hundreds of
// tasks fall due; after a restart every occurrence has been queued exactly once.
const TASKS_PER_ROUND = 500;
const KILL_OFFSETS_MS = [0, 60, 400];

async function call(host: HeadlessHost, name: string, input: unknown): Promise<{ id: string }> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

interface TaskState {
  runs: number;
  due: boolean;
}

/** Each task's runs, and whether its once schedule is still due (its next run not yet cleared). */
function taskStates(dataDir: string): Map<string, TaskState> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT t.id, t.next_run_at IS NOT NULL AS due, count(r.id) AS n
         FROM tasks t LEFT JOIN runs r ON r.task_id = t.id GROUP BY t.id`,
      )
      .all() as { id: string; due: number; n: number }[];
    return new Map(rows.map((r) => [r.id, { runs: r.n, due: r.due === 1 }]));
  } finally {
    db.close();
  }
}

function runCounts(dataDir: string): Map<string, number> {
  return new Map([...taskStates(dataDir)].map(([id, state]) => [id, state.runs]));
}

const hosts: HeadlessHost[] = [];
// A failed round must not leave its host running.
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
});

const sleepUntil = (at: number): Promise<void> => new Promise((done) => setTimeout(done, Math.max(0, at - Date.now())));

describe('scheduler crash safety', () => {
  it('loses and doubles nothing when killed with SIGKILL while firing', { timeout: 150_000 }, async () => {
    const dataDir = makeTempDir();
    const rounds: string[][] = [];
    const atKill: number[] = [];

    for (const offset of KILL_OFFSETS_MS) {
      const host = await startHeadlessHost({ dataDir });
      hosts.push(host);
      // Room to create the round first, even on a loaded machine (a create takes 2-20 ms).
      const due = Math.ceil((Date.now() + 4000 + TASKS_PER_ROUND * 20) / 1000) * 1000;
      const ids: string[] = [];
      for (let i = 0; i < TASKS_PER_ROUND; i++) {
        const task = await call(host, 'tasks.create', {
          title: `Round ${rounds.length} task ${i}`,
          schedule: { kind: 'once', expr: new Date(due).toISOString() },
        });
        ids.push(task.id);
      }
      expect(Date.now()).toBeLessThan(due);
      await sleepUntil(due + offset);
      await host.kill();
      const states = taskStates(dataDir);
      // A burst is fired in short transactions, so a kill may leave part of it queued; but each task is
      // either fired (one run, its next run cleared) or not (no run, still due), never in between.
      const torn = ids.filter((id) => {
        const state = states.get(id);
        return !state || !((state.runs === 1 && !state.due) || (state.runs === 0 && state.due));
      });
      expect(torn).toEqual([]);
      atKill.push(ids.filter((id) => states.get(id)?.runs === 1).length);
      rounds.push(ids);
    }

    const host = await startHeadlessHost({ dataDir });
    hosts.push(host);
    const all = rounds.flat();
    const deadline = Date.now() + 20_000;
    let counts = runCounts(dataDir);
    while (all.some((id) => counts.get(id) !== 1) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
      counts = runCounts(dataDir);
    }
    await host.stop();

    expect(all.filter((id) => counts.get(id) !== 1)).toEqual([]);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(all.length);
    expect(db.prepare('SELECT count(*) FROM tasks WHERE next_run_at IS NOT NULL').pluck().get()).toBe(0);
    db.close();
    console.log(`runs queued at each kill (of ${TASKS_PER_ROUND}): ${atKill.join(', ')}`);
  });
});
