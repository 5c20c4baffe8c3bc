// Read models of the queue for the API: what runs, what waits and why (a dependency, a retry's
// next attempt, the limits), and one run with its steps (checkpoints) and log.
import type { QueueStatus, Run, RunDetails, RunStep } from '../model/types';
import { notFound } from '../lib/errors';
import { isoAt } from '../lib/time-format';
import type { Store } from '../store';
import { conditionReasons } from './condition-gate';

export function queueStatus(store: Store, now: number, limit = 500): QueueStatus {
  const status: QueueStatus = { running: [], queued: [], waitingOnDependency: [], waitingForRetry: [] };
  const heldForConditions = conditionReasons(store);
  for (const row of store.runs.listByStatus(['running', 'queued'], limit)) {
    const run = store.runs.toApi(row);
    const conditionReason = heldForConditions.get(row.id);
    if (row.status === 'running') status.running.push(run);
    else if (conditionReason !== undefined && row.blockedReason === null && row.waitingReason === null)
      status.waitingOnDependency.push({ run, reason: conditionReason, blocked: false });
    else if (row.blockedReason !== null)
      status.waitingOnDependency.push({ run, reason: row.blockedReason, blocked: true });
    else if (row.waitingReason !== null)
      status.waitingOnDependency.push({ run, reason: row.waitingReason, blocked: false });
    else if (row.nextAttemptAt !== null && row.nextAttemptAt > now) {
      status.waitingForRetry.push({ run, nextAttemptAt: isoAt(row.nextAttemptAt) });
    } else status.queued.push(run);
  }
  status.waitingForRetry.sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  return status;
}

export function runDetails(store: Store, runId: string, logLimit = 5000): RunDetails {
  const row = store.runs.get(runId);
  if (!row) throw notFound('Run', runId);
  const steps = store.checkpoints.listForRun(runId).map((c): RunStep => {
    const snapshot = (c.stateSnapshot ?? {}) as {
      attempt?: number;
      input?: unknown;
      output?: unknown;
      skipped?: boolean;
    };
    return {
      stepId: c.stepName,
      stepIndex: c.stepIndex,
      // A step whose `if` was false is stored as a completed checkpoint (resume skips it again);
      // to a person it was skipped, not completed.
      status: c.status === 'complete' && snapshot.skipped === true ? 'skipped' : c.status,
      attempt: snapshot.attempt ?? 1,
      inputsHash: c.inputsHash,
      outputsHash: c.outputsHash,
      input: snapshot.input ?? null,
      output: snapshot.output ?? null,
      error: c.errorDetails,
      skipped: snapshot.skipped === true,
      createdAt: isoAt(c.createdAt),
      completedAt: c.completedAt === null ? null : isoAt(c.completedAt),
    };
  });
  const logs = store.runLogs.listForRun(runId, 0, logLimit).map((l) => ({ ...l, loggedAt: isoAt(l.loggedAt) }));
  const params = store.redactor.value(row.params) as Record<string, unknown>;
  return { run: store.runs.toApi(row), params, steps, logs, attempts: attemptChain(store, runId) };
}

function attemptChain(store: Store, runId: string): Run[] {
  let first = store.runs.get(runId)!;
  while (first.retryOf) {
    const previous = store.runs.get(first.retryOf);
    if (!previous) break;
    first = previous;
  }
  const chain = [first];
  for (;;) {
    const next = store.runs.nextAttemptOf(chain.at(-1)!.id);
    if (!next || chain.length > 100) break;
    chain.push(store.runs.get(next)!);
  }
  return chain.map((r) => store.runs.toApi(r));
}
