// The fault harness: runs the built headless host as a child process, SIGKILLs it at random points
// while side-effecting shell steps execute, restarts it on the same data directory, then verifies.
//
// Each task i has K steps; step j runs `node -e` that first appends `t<i>:<j>:<ppid>:<ms>` to one
// counter file (the side effect), then sleeps 10-80 ms. The ppid names the host that spawned it
// (a step orphaned by a kill may read another ppid: it is counted but not attributed to a host).
// Hosts ("generations") are numbered; each has its pid and the wall-clock window it was alive in.
//
// Invariant, for every queued run R and every step S of R (verify.ts checks each part):
//  (a) S has at most one 'complete' checkpoint, and no checkpoint of S was created after it:
//      a completed step is never started again (the executor writes a row before every execution).
//  (b) appends(S) <= checkpoint rows(S), and for every host h, appends made by h's children <= rows
//      of S created during h's lifetime: every execution of S was announced by its own checkpoint.
//  (c) if S completed while host g was alive, no host after g appended for S.
//  (d) if S completed while host g was alive, g appended for S (the completion is not made up);
//      if R succeeded, S has a complete checkpoint.
// Appends beyond the first are re-executions of an attempt that a kill interrupted (its checkpoint
// stayed 'created'): allowed, and reported as stepsReExecuted. Per run: exactly one runs row for its
// task (no duplicate, none lost), in a final status; since the steps cannot fail it must be
// 'succeeded'. And PRAGMA integrity_check = 'ok'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { FINAL_STATUSES, readAppends, verify, type Generation, type QueuedRun } from './verify';

export interface FaultOptions {
  kills: number;
  runs: number;
  stepsPerRun: number;
  seed?: number;
  /** How long the last host gets to finish every run. */
  finishTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface FaultReport {
  seed: number;
  kills: number;
  runs: number;
  stepsPerRun: number;
  statuses: Record<string, number>;
  integrity: string;
  stepsExecuted: number;
  stepsReExecuted: number;
  orphanAppends: number;
  durationMs: number;
  violations: string[];
  /** Kept (not removed) when there are violations, for a post-mortem. */
  dataDir: string;
}

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function stepScript(counterFile: string, key: string, step: number, sleepMs: number): string {
  return [
    `require('fs').appendFileSync(${JSON.stringify(counterFile)},`,
    `${JSON.stringify(`${key}:${step}:`)}+process.ppid+':'+Date.now()+'\\n');`,
    `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,${sleepMs});`,
  ].join('');
}

const delay = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Runs not yet final among `ids`, read from the database (read-only, beside the live host). */
function unfinished(dbFile: string, ids: readonly string[]): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const final = new Set(
      (db.prepare('SELECT id, status FROM runs').all() as { id: string; status: string }[])
        .filter((r) => FINAL_STATUSES.includes(r.status))
        .map((r) => r.id),
    );
    return ids.filter((id) => !final.has(id)).length;
  } finally {
    db.close();
  }
}

export async function runFaultHarness(options: FaultOptions): Promise<FaultReport> {
  const seed = options.seed ?? Date.now() % 1_000_000;
  const random = prng(seed);
  const log = options.log ?? (() => {});
  const began = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'ridgeline-fault-'));
  const counterFile = join(mkdtempSync(join(tmpdir(), 'ridgeline-fault-counter-')), 'appends.log');
  const dbFile = join(dataDir, DATABASE_FILE);
  const generations: Generation[] = [];
  let host: HeadlessHost | undefined;

  const start = async (): Promise<HeadlessHost> => {
    const startedAt = Date.now();
    let h: HeadlessHost;
    for (let tries = 1; ; tries++) {
      try {
        h = await startHeadlessHost({ dataDir });
        break;
      } catch (error) {
        // Only a missing build (a concurrent `electron-vite build` empties out/) is retried: any
        // other failure to restart, such as a crash on a damaged database, is the finding.
        if (tries >= 5 || !String(error).includes('Cannot find module')) throw error;
        await delay(3000);
      }
    }
    generations.push({ pid: h.pid, start: startedAt, end: Number.MAX_SAFE_INTEGER });
    return h;
  };
  const end = (): void => {
    generations[generations.length - 1]!.end = Date.now();
  };

  try {
    host = await start();
    const tasks: { key: string; id: string }[] = [];
    for (let i = 0; i < options.runs; i++) {
      const key = `t${i}`;
      const steps = Array.from({ length: options.stepsPerRun }, (_, j) => ({
        id: `s${j}`,
        uses: 'shell.exec',
        with: { argv: [process.execPath, '-e', stepScript(counterFile, key, j, 10 + Math.floor(random() * 71))] },
      }));
      const task = await call<{ id: string }>(host, 'tasks.create', { title: `Fault ${key}`, pipeline: { steps } });
      tasks.push({ key, id: task.id });
    }
    log(`seed ${seed}: ${options.runs} tasks x ${options.stepsPerRun} steps, data dir ${dataDir}`);

    // The runs are queued in batches across the rounds, so every kill lands on work in flight.
    const queued: QueuedRun[] = [];
    const rounds = options.kills + 1;
    for (let round = 0; round < rounds; round++) {
      const from = Math.floor((round * options.runs) / rounds);
      const to = Math.floor(((round + 1) * options.runs) / rounds);
      for (const task of tasks.slice(from, to)) {
        const run = await call<{ id: string }>(host, 'tasks.runNow', { id: task.id });
        queued.push({ key: task.key, taskId: task.id, runId: run.id, steps: options.stepsPerRun });
      }
      if (round === options.kills) break;
      await delay(30 + Math.floor(random() * 371));
      await host.kill();
      end();
      host = undefined;
      if ((round + 1) % 25 === 0 || round + 1 === options.kills) {
        log(
          `kill ${round + 1}/${options.kills}: ${unfinished(
            dbFile,
            queued.map((r) => r.runId),
          )} runs unfinished`,
        );
      }
      host = await start();
    }

    const ids = queued.map((r) => r.runId);
    const deadline = Date.now() + (options.finishTimeoutMs ?? 120_000);
    while (unfinished(dbFile, ids) > 0 && Date.now() < deadline) await delay(100);
    await host.stop();
    end();
    host = undefined;
    // A child orphaned by the last kill may still be finishing its append.
    await delay(200);

    const result = verify(dbFile, queued, readAppends(counterFile, generations), generations);
    const report: FaultReport = {
      seed,
      kills: options.kills,
      runs: queued.length,
      stepsPerRun: options.stepsPerRun,
      statuses: result.statuses,
      integrity: result.integrity,
      stepsExecuted: result.stepsExecuted,
      stepsReExecuted: result.stepsReExecuted,
      orphanAppends: result.orphanAppends,
      durationMs: Date.now() - began,
      violations: result.violations,
      dataDir,
    };
    if (report.violations.length === 0) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(join(counterFile, '..'), { recursive: true, force: true });
    }
    return report;
  } finally {
    await host?.kill();
  }
}

export function summarize(report: FaultReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([s, n]) => `${s}=${n}`)
    .join(' ');
  return [
    `fault harness (seed ${report.seed}): ${report.kills} SIGKILLs, ${report.runs} runs x ${report.stepsPerRun} steps`,
    `  in ${(report.durationMs / 1000).toFixed(1)} s; integrity ${report.integrity}; final: ${statuses}`,
    `  step executions ${report.stepsExecuted} (re-executed after an interrupt: ${report.stepsReExecuted},` +
      ` by orphaned children: ${report.orphanAppends})`,
    `  violations: ${report.violations.length}${report.violations.length ? ` (data kept in ${report.dataDir})` : ''}`,
    ...report.violations.slice(0, 20).map((v) => `    - ${v}`),
  ].join('\n');
}
