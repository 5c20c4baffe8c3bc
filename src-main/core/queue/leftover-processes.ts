// At start, before any run resumes or retries: what the steps of a host that died left running is
// stopped, so a step never runs twice at once (two coding agents in one work tree). Each group a
// step waited on was written down with its leader's start time (pipeline/step-processes.ts); a
// group is stopped only when that process is still the one started, so a recycled pid is never
// signalled.
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Store } from '../store';
import { createStepProcessesRepo, type StepProcess } from '../db/repos/step-processes-repo';
import { createRunLog } from '../pipeline/run-log';
import { groupMembers, processStartTime, startedNoEarlier } from '../tools/process-identity';
import { KILL_GRACE_MS, stopProcessGroup } from '../tools/process-tree';

/** How long a group killed with SIGKILL gets to disappear before recovery goes on regardless. */
const GONE_WAIT_MS = 2_000;
const POLL_MS = 50;

export interface LeftoverDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Between SIGTERM and SIGKILL; KILL_GRACE_MS unless given. */
  graceMs?: number;
}

/** What was stopped for one step of one run. */
export interface StoppedLeftovers {
  runId: string;
  stepId: string;
  processes: number;
}

/** True when a host that died left process groups recorded: stopLeftoverProcesses has work to do. */
export function hasLeftoverProcesses(store: Store): boolean {
  return createStepProcessesRepo(store.db, store.redactor).any();
}

/**
 * Stops every recorded group whose leader is still the process started (SIGTERM, then SIGKILL after
 * the grace period), waits until it is gone, forgets every row, and says what it stopped in the
 * run's log and the timeline.
 */
export async function stopLeftoverProcesses(deps: LeftoverDeps): Promise<StoppedLeftovers[]> {
  const { store, clock, logger } = deps;
  const rows = createStepProcessesRepo(store.db, store.redactor);
  const recorded = rows.list();
  const found = recorded.map((row) => ({ row, live: survivors(row) }));
  await Promise.all(
    found
      .filter(({ live }) => live.length > 0)
      .map(async ({ row }) => {
        await stopProcessGroup(row.pgid, { clock, graceMs: deps.graceMs ?? KILL_GRACE_MS });
        await untilGone(row.pgid, clock);
      }),
  );
  const byStep = new Map<string, StoppedLeftovers>();
  for (const { row, live } of found) {
    if (live.length === 0) {
      logger.info('A process recorded for a step had already exited', { runId: row.runId, pid: row.pid });
      continue;
    }
    const key = `${row.runId}\n${row.stepId}`;
    const entry = byStep.get(key) ?? { runId: row.runId, stepId: row.stepId, processes: 0 };
    entry.processes += live.length;
    byStep.set(key, entry);
  }
  const stopped = [...byStep.values()];
  for (const entry of stopped) report(deps, entry);
  store.write(() => {
    for (const row of recorded) rows.remove(row.id);
  });
  return stopped;
}

/**
 * The pids of the group to stop, or none when nothing of it is left or the pid now belongs to
 * another process. A leader that is gone may leave members behind (a CLI killed by SIGPIPE when the
 * host's end of its output pipe closed, its children not). Linux does not give a pid to a new
 * process while it is still some process's group id, so a group whose members all started after
 * the recorded leader did (same boot) is the recorded one.
 */
function survivors(row: StepProcess): number[] {
  const members = groupMembers(row.pgid);
  const leaderStarted = processStartTime(row.pid);
  if (leaderStarted !== undefined) {
    if (leaderStarted !== row.started) return [];
    return members.some((m) => m.pid === row.pid) ? members.map((m) => m.pid) : [row.pid];
  }
  const ours = members.every((m) => m.started !== undefined && startedNoEarlier(m.started, row.started) === true);
  return ours ? members.map((m) => m.pid) : [];
}

/** SIGKILL is sent, not yet acted on: the next copy of the step starts only once the group is gone. */
async function untilGone(pgid: number, clock: Clock): Promise<void> {
  const deadline = clock.now() + GONE_WAIT_MS;
  while (groupMembers(pgid).length > 0 && clock.now() < deadline) {
    await new Promise<void>((resolve) => clock.setTimer(resolve, POLL_MS));
  }
}

function report(deps: LeftoverDeps, entry: StoppedLeftovers): void {
  const { store, clock, logger } = deps;
  const count = `${entry.processes} process${entry.processes === 1 ? '' : 'es'}`;
  const message = `Stopped ${count} left from the step '${entry.stepId}' before the host restarted`;
  logger.warn(message, { runId: entry.runId });
  const run = store.runs.get(entry.runId);
  // A run deleted while the host was down has no log to write to; the timeline still says it.
  if (run) {
    const log = createRunLog(store, clock, run.id);
    log.line(entry.stepId, { stream: 'system', level: 'warn', message });
    log.flush();
  }
  store.write((tx) =>
    tx.record({
      type: 'run:processes-stopped',
      taskId: run?.taskId ?? null,
      runId: run?.id ?? null,
      summary: message,
      payload: { stepId: entry.stepId, processes: entry.processes },
    }),
  );
}
