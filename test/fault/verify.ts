// The fault harness's checks: reads the database (read-only) and the counter file after the last
// restart and lists every broken invariant. The invariant itself is stated in harness.ts.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

export const FINAL_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out'];

/** One host process: its pid and the wall-clock window it was alive in (spawn .. exit). */
export interface Generation {
  pid: number;
  start: number;
  end: number;
}

export interface QueuedRun {
  key: string;
  taskId: string;
  runId: string;
  steps: number;
}

export interface Append {
  key: string;
  step: number;
  ppid: number;
  at: number;
  /** Index of the host generation whose child made the append; -1 for an orphan (host killed). */
  generation: number;
}

export interface Verification {
  integrity: string;
  statuses: Record<string, number>;
  stepsExecuted: number;
  stepsReExecuted: number;
  orphanAppends: number;
  violations: string[];
}

interface CheckpointRow {
  id: number;
  runId: string;
  stepIndex: number;
  status: string;
  createdAt: number;
  completedAt: number | null;
}

/** Lines are `<key>:<step>:<ppid>:<ms>`; the ppid names the host that spawned the step. */
export function readAppends(file: string, generations: readonly Generation[]): Append[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [key = '', step = '', ppid = '', at = ''] = line.split(':');
      const append = { key, step: Number(step), ppid: Number(ppid), at: Number(at) };
      const generation = generations.findIndex(
        (g) => g.pid === append.ppid && g.start <= append.at && append.at <= g.end,
      );
      return { ...append, generation };
    });
}

const generationAt = (generations: readonly Generation[], at: number): number =>
  generations.findIndex((g) => g.start <= at && at <= g.end);

export function verify(
  dbFile: string,
  runs: readonly QueuedRun[],
  appends: readonly Append[],
  generations: readonly Generation[],
): Verification {
  const violations: string[] = [];
  const statuses: Record<string, number> = {};
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    if (integrity !== 'ok') violations.push(`PRAGMA integrity_check: ${integrity}`);
    const runsOfTask = db.prepare('SELECT id, status, error FROM runs WHERE task_id = ?');
    const checkpointsOf = db.prepare(
      `SELECT id, run_id AS runId, step_index AS stepIndex, status, created_at AS createdAt,
              completed_at AS completedAt
       FROM checkpoints WHERE run_id = ? ORDER BY id`,
    );
    const byStep = new Map<string, Append[]>();
    for (const a of appends) {
      const k = `${a.key}:${a.step}`;
      byStep.set(k, [...(byStep.get(k) ?? []), a]);
    }
    const known = new Set(runs.flatMap((r) => Array.from({ length: r.steps }, (_, j) => `${r.key}:${j}`)));
    for (const k of byStep.keys()) if (!known.has(k)) violations.push(`append for an unknown step ${k}`);

    let stepsExecuted = 0;
    let stepsReExecuted = 0;
    for (const run of runs) {
      const rows = runsOfTask.all(run.taskId) as { id: string; status: string; error: string | null }[];
      const row = rows.find((r) => r.id === run.runId);
      if (rows.length !== 1 || !row) {
        violations.push(`run ${run.runId} (${run.key}): task has ${rows.length} runs [${rows.map((r) => r.id)}]`);
      }
      const status = row?.status ?? 'missing';
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!FINAL_STATUSES.includes(status)) violations.push(`run ${run.runId} (${run.key}) ended ${status}`);
      else if (status !== 'succeeded') {
        violations.push(`run ${run.runId} (${run.key}) ended ${status} (its steps cannot fail): ${row?.error}`);
      }
      const checkpoints = checkpointsOf.all(run.runId) as CheckpointRow[];
      for (let step = 0; step < run.steps; step++) {
        const where = `run ${run.runId} (${run.key}) step s${step}`;
        const rowsOfStep = checkpoints.filter((c) => c.stepIndex === step);
        const made = byStep.get(`${run.key}:${step}`) ?? [];
        stepsExecuted += made.length;
        stepsReExecuted += Math.max(0, made.length - 1);
        violations.push(...checkStep(where, status, rowsOfStep, made, generations));
      }
    }
    const orphanAppends = appends.filter((a) => a.generation < 0).length;
    return { integrity, statuses, stepsExecuted, stepsReExecuted, orphanAppends, violations };
  } finally {
    db.close();
  }
}

/** The per-step invariant (a)-(d) of harness.ts. */
function checkStep(
  where: string,
  runStatus: string,
  rows: readonly CheckpointRow[],
  appends: readonly Append[],
  generations: readonly Generation[],
): string[] {
  const out: string[] = [];
  const complete = rows.filter((c) => c.status === 'complete');
  // (a) at most one completion, and nothing started after it.
  if (complete.length > 1) out.push(`${where}: ${complete.length} complete checkpoints`);
  const done = complete[0];
  if (done) {
    const later = rows.filter((c) => c.id > done.id);
    if (later.length > 0) out.push(`${where}: ${later.length} checkpoint(s) created after it completed`);
  }
  // (b) every execution wrote its checkpoint row first: appends never outnumber rows, per host too.
  if (appends.length > rows.length) out.push(`${where}: ${appends.length} appends but ${rows.length} checkpoints`);
  const rowsIn = (g: number): number => rows.filter((c) => generationAt(generations, c.createdAt) === g).length;
  for (let g = 0; g < generations.length; g++) {
    const n = appends.filter((a) => a.generation === g).length;
    if (n > rowsIn(g)) out.push(`${where}: host #${g} appended ${n} times but created ${rowsIn(g)} checkpoints`);
  }
  if (runStatus === 'succeeded' && !done) out.push(`${where}: run succeeded without a complete checkpoint`);
  if (!done) return out;
  const g = generationAt(generations, done.completedAt ?? -1);
  if (g < 0) return [...out, `${where}: completed at ${done.completedAt}, outside every host's lifetime`];
  // (c) no later host ran it again.
  const after = appends.filter((a) => a.generation > g);
  if (after.length > 0) {
    out.push(`${where}: completed by host #${g}, then ran again in host(s) #${after.map((a) => a.generation)}`);
  }
  // (d) the host that completed it really ran it.
  if (!appends.some((a) => a.generation === g)) out.push(`${where}: completed by host #${g}, which never ran it`);
  return out;
}
