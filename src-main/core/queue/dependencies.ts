// Task dependencies: refusing cycles in the task DAG, and deciding whether a queued run may start
// given its dependencies' runs (the release rule below).
//
// THE RELEASE RULE. A queued run R of task T is judged against every dependency D of T, using
// R's queued_at (for a retry, the queued_at of its first attempt: the dependencies released that
// run once, and a retry repeats it rather than asking them for new output):
// - ready    when, for every D, D's latest finished run (by finished_at) succeeded and finished at
//            or after R was queued: each dependency has produced a fresh success for this run. A
//            success from before R was queued does not count. (At the same millisecond counts: a
//            run queued in the transaction that records its dependency's success must see it.)
// - blocked  when some D's latest finished run, finished at or after R was queued, failed, was
//            cancelled, timed out or halted, and no run of D is in flight. The reason names each
//            such dependency and its outcome: `"Nightly build" failed at 2:04 AM`.
// - waiting  otherwise: some D has a run queued, running or awaiting approval (a retry of D that
//            failed counts: it may still succeed), or has not run since R was queued at all. A
//            waiting run waits for D's next run, whoever queues it.
// Blocked wins over waiting in the gate's answer, since it is the state the user must act on.
// Automatic unblocking: blocked is derived each time the gate is asked, never stored. A blocked
// run stays queued; when a later run of the failed dependency succeeds (say the user retries it),
// that success is a fresh one and the run becomes ready with no further action. The worker re-asks
// the gate for the runs dependentsToRelease() names whenever a run finishes.
import type { DependenciesRepo, DependencyRunState } from '../db/repos/dependencies-repo';
import { AppError, notFound } from '../lib/errors';

export type DependencyGate =
  { state: 'ready' } | { state: 'waiting'; on: string[] } | { state: 'blocked'; reason: string; on: string[] };

/**
 * The cycle that giving `taskId` exactly these dependencies would create, as task ids from `taskId`
 * back to itself ([A, B, C, A] when A depends on B, B on C and C on A), or null. The task's current
 * dependencies are ignored since they are being replaced. Breadth-first, so the shortest cycle is named.
 */
export function findCycle(repo: DependenciesRepo, taskId: string, dependsOn: readonly string[]): string[] | null {
  const cameFrom = new Map<string, string>();
  const frontier: string[] = [];
  for (const id of new Set(dependsOn)) {
    if (id === taskId) return [taskId, taskId];
    cameFrom.set(id, taskId);
    frontier.push(id);
  }
  for (let i = 0; i < frontier.length; i++) {
    const node = frontier[i]!;
    for (const next of repo.dependenciesOf(node)) {
      if (next === taskId) {
        const path = [taskId, node];
        for (let at = cameFrom.get(node)!; at !== taskId; at = cameFrom.get(at)!) path.splice(1, 0, at);
        path.push(taskId);
        return path;
      }
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      frontier.push(next);
    }
  }
  return null;
}

/**
 * Replaces the dependencies of `taskId` (atomically, and inside the caller's transaction when there
 * is one). Refuses unknown tasks and cycles with a validation error that names the tasks by title.
 */
/** What a task should depend on, and how to name a task in an error. */
export interface DependencyChange {
  taskId: string;
  dependsOn: readonly string[];
  now: number;
  titleOf: (id: string) => string;
}

export function setDependencies(repo: DependenciesRepo, change: DependencyChange): void {
  const { taskId, dependsOn, now, titleOf } = change;
  if (repo.missingTasks([taskId]).length > 0) throw notFound('Task', taskId);
  const missing = new Set(repo.missingTasks(dependsOn));
  if (missing.size > 0) {
    const issues = dependsOn.flatMap((id, i) =>
      missing.has(id) ? [{ path: `dependsOn[${i}]`, message: `task ${id} does not exist` }] : [],
    );
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const cycle = findCycle(repo, taskId, dependsOn);
  if (cycle) {
    const message = `this would create a cycle: ${cycle.map((id) => `"${titleOf(id)}"`).join(' → ')}`;
    throw new AppError('validation_failed', `dependsOn: ${message}`, {
      issues: [{ path: 'dependsOn', message }],
      cycle,
    });
  }
  repo.replaceFor(taskId, [...new Set(dependsOn)], now);
}

const FAILED_OUTCOMES: Record<string, string> = {
  failed: 'failed',
  cancelled: 'was cancelled',
  timed_out: 'timed out',
  halted: 'halted',
};

type DependencyVerdict = 'satisfied' | 'waiting' | 'blocked';

function verdictFor(dep: DependencyRunState, since: number): DependencyVerdict {
  const fresh = dep.lastFinished !== null && dep.lastFinished.finishedAt >= since ? dep.lastFinished : null;
  if (fresh?.status === 'succeeded') return 'satisfied';
  if (dep.inFlight) return 'waiting';
  if (fresh && fresh.status in FAILED_OUTCOMES) return 'blocked';
  return 'waiting';
}

/**
 * Whether a queued run may start under the release rule (module comment). `retryOf` is the run's
 * retry_of, when it is a retry; `describeTime` formats an instant in the display timezone.
 */
export function dependencyGate(
  repo: DependenciesRepo,
  run: { taskId: string; queuedAt: number; retryOf?: string | null },
  describeTime: (ms: number) => string,
): DependencyGate {
  const since = run.retryOf ? (repo.firstAttemptQueuedAt(run.retryOf) ?? run.queuedAt) : run.queuedAt;
  const blocked: DependencyRunState[] = [];
  const waiting: string[] = [];
  for (const dep of repo.dependencyRunStates(run.taskId)) {
    const verdict = verdictFor(dep, since);
    if (verdict === 'blocked') blocked.push(dep);
    else if (verdict === 'waiting') waiting.push(dep.taskId);
  }
  if (blocked.length > 0) {
    const reason = blocked
      .map(
        (d) => `"${d.title}" ${FAILED_OUTCOMES[d.lastFinished!.status]} at ${describeTime(d.lastFinished!.finishedAt)}`,
      )
      .join('; ');
    return { state: 'blocked', reason, on: blocked.map((d) => d.taskId) };
  }
  if (waiting.length > 0) return { state: 'waiting', on: waiting };
  return { state: 'ready' };
}

/**
 * The queued runs whose gate may have changed because a run of `finishedTaskId` finished: the
 * queued runs of its direct dependents (the gate looks only one level up, so no further).
 */
export function dependentsToRelease(repo: DependenciesRepo, finishedTaskId: string): string[] {
  // Most tasks have no dependents: one indexed lookup instead of the join over the queued runs.
  if (!repo.hasDependents(finishedTaskId)) return [];
  return repo.queuedDependentRuns(finishedTaskId);
}
