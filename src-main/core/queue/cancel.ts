// Cancelling a run and retrying one now: the user's two levers on the queue. Cancel works in every
// state that is not final; a running run is aborted by the worker that executes it.
import type { Run } from '../model/types';
import { AppError, notFound } from '../lib/errors';
import type { Store } from '../store';
import { finishInTx, insertNextAttempt, isFinal } from './transitions';

const CANCELLED = { reason: 'cancelled', error: 'Cancelled by the user', signals: ['user_request'] };

/** Returns true when it aborted the run (it executes it); the worker registers one per store. */
type CancelListener = (runId: string) => boolean;

// Keyed by store rather than global: two runtimes in one process (tests) never see each other's runs.
const listeners = new WeakMap<Store, Set<CancelListener>>();

export function onCancelRequested(store: Store, listener: CancelListener): () => void {
  let set = listeners.get(store);
  if (!set) listeners.set(store, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * Cancels a run. Queued (waiting, blocked or due for a retry), awaiting approval and halted runs
 * end at once. A running run is marked cancel_requested and its worker aborts the step in flight
 * (shell.exec kills its process group); the run ends 'cancelled' when the step has stopped. A
 * running run no worker here executes (its owner died) ends at once. A finished run is a conflict.
 */
export function cancelRun(store: Store, runId: string, now: number): Run {
  const marked = store.write((tx) => {
    const run = store.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (isFinal(run.status)) {
      throw new AppError('conflict', `Run ${runId} already ended (${run.status}); there is nothing to cancel.`, {
        id: runId,
        status: run.status,
      });
    }
    if (run.status !== 'running') return finishInTx(store, tx, run, 'cancelled', CANCELLED, now);
    const requested = store.runs.requestCancel(runId);
    tx.record({ type: 'run:cancel_requested', taskId: run.taskId, runId, summary: 'Cancelling a running run' });
    tx.publish('run:updated', { run: store.runs.toApi(requested) });
    return requested;
  });
  if (marked.status !== 'running') return store.runs.toApi(marked);
  const handled = [...(listeners.get(store) ?? [])].some((abort) => abort(runId));
  if (handled) return store.runs.toApi(store.runs.get(runId)!);
  return store.runs.toApi(
    store.write((tx) => {
      const run = store.runs.get(runId)!;
      return run.status === 'running' ? finishInTx(store, tx, run, 'cancelled', CANCELLED, now) : run;
    }),
  );
}

/**
 * "Retry now": a run waiting for its next attempt becomes due at once; a failed, timed-out or
 * cancelled run gets a new attempt (attempt + 1, trigger 'retry'), queued now. Anything else is a
 * conflict: it is already queued or running.
 */
export function retryRunNow(store: Store, runId: string, now: number): Run {
  return store.write((tx) => {
    const run = store.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.status === 'queued' && run.nextAttemptAt !== null && run.nextAttemptAt > now) {
      const due = store.runs.setNextAttemptAt(runId, now);
      tx.record({ type: 'run:retry_now', taskId: run.taskId, runId, summary: 'Retrying now instead of waiting' });
      tx.publish('run:queued', { run: store.runs.toApi(due) });
      return store.runs.toApi(due);
    }
    if (run.status !== 'failed' && run.status !== 'timed_out' && run.status !== 'cancelled') {
      throw new AppError(
        'conflict',
        `Run ${runId} is ${run.status}; only a failed, timed-out or cancelled run, or one waiting for a retry, can be retried now.`,
        { id: runId, status: run.status },
      );
    }
    const retry = insertNextAttempt(store, run, now, { scheduledFor: now });
    tx.record({
      type: 'run:queued',
      taskId: run.taskId,
      runId: retry.id,
      summary: `Retrying now (attempt ${retry.attempt})`,
      payload: { trigger: 'retry', retryOf: run.id },
    });
    tx.publish('run:queued', { run: store.runs.toApi(retry) });
    return store.runs.toApi(retry);
  });
}
