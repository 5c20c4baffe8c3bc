// Crash recovery: a run left 'running' by a process that died (its lease expired, or its owner is
// not this instance) is resumed or retried, never left running and never silently dropped.
//
// Policy 'resume' (the default) puts the same run back in the queue with interrupted = 1; the
// executor replays its completed steps from their checkpoints and runs the rest. A step that was
// 'created' but never completed when the process died runs again, so side-effecting steps should be
// idempotent: what is guaranteed is that no COMPLETED step runs twice. Policy 'retry' ends the run
// as failed ('interrupted') and queues a new attempt that starts from scratch. Each task chooses
// (retryPolicy.recovery); a caller may force one.
import type { RunRow } from '../db/repos/runs-repo';
import type { Store } from '../store';
import { parseRetryPolicy, type RecoveryPolicy } from '../model/retry-policy';
import { finishInTx, insertNextAttempt, requeueInterrupted } from './transitions';

export type { RecoveryPolicy };

export interface Recovered {
  run: RunRow;
  action: 'resumed' | 'retried' | 'cancelled';
  /** The new attempt, for policy 'retry'. */
  retry?: RunRow;
}

/**
 * Recovers one orphaned running run in its own transaction. `cause` goes into the timeline event
 * ("the process stopped", "no heartbeat for 95 s"). A run whose cancellation was requested ends
 * cancelled instead: the user's last word wins.
 */
export function recoverRun(
  store: Store,
  runId: string,
  now: number,
  cause: string,
  forced?: RecoveryPolicy,
): Recovered | undefined {
  return store.write((tx) => {
    const run = store.runs.get(runId);
    if (!run || run.status !== 'running') return undefined;
    const policy = forced ?? taskRecoveryPolicy(store, run.taskId);
    if (run.cancelRequested) {
      const reason = { reason: 'cancelled', error: 'Cancelled by the user', signals: ['user_request', cause] };
      return { run: finishInTx(store, tx, run, 'cancelled', reason, now), action: 'cancelled' as const };
    }
    if (policy === 'resume') {
      const queued = requeueInterrupted(store, runId);
      tx.record({
        type: 'run:recovered',
        taskId: run.taskId,
        runId,
        summary: `Recovered a run left running (${cause}); it resumes from its last completed step`,
        payload: { cause, policy, previousOwner: run.leaseOwner },
      });
      tx.publish('run:updated', { run: store.runs.toApi(queued) });
      return { run: queued, action: 'resumed' as const };
    }
    const error = { reason: 'interrupted', error: `The run was interrupted (${cause})`, signals: [cause] };
    const failed = finishInTx(store, tx, run, 'failed', error, now);
    const retry = insertNextAttempt(store, run, now);
    tx.record({
      type: 'run:recovered',
      taskId: run.taskId,
      runId: retry.id,
      summary: `Recovered a run left running (${cause}) as a new attempt`,
      payload: { cause, policy, retryOf: run.id, previousOwner: run.leaseOwner },
    });
    tx.publish('run:queued', { run: store.runs.toApi(retry) });
    return { run: failed, action: 'retried' as const, retry };
  });
}

function taskRecoveryPolicy(store: Store, taskId: string): RecoveryPolicy {
  const stored = store.tasks.retryPolicyJson(taskId);
  return parseRetryPolicy(stored).recovery;
}

/**
 * At start: every run left 'running' whose lease expired or whose owner is not `owner` (a data
 * directory has one owner at a time, so such a run's process is gone).
 */
export function recoverAtStart(store: Store, owner: string, now: number, forced?: RecoveryPolicy): Recovered[] {
  const orphans = store.runs
    .listByStatus(['running'], 100_000)
    .filter((r) => r.leaseOwner !== owner || r.leaseExpiresAt === null || r.leaseExpiresAt <= now);
  const recovered: Recovered[] = [];
  for (const run of orphans) {
    const cause = run.leaseOwner === owner ? 'its lease expired' : 'the process that ran it stopped before it finished';
    const r = recoverRun(store, run.id, now, cause, forced);
    if (r) recovered.push(r);
  }
  return recovered;
}
