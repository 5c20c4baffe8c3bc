// How a run or step stops early: the abort reasons (AbortSignal.reason), child signals that keep the
// parent's reason, a sleep an abort cuts short, and the outcome each reason leads to.
import type { Clock } from '../lib/clock';
import type { RunOutcome } from '../model/outcome';

export type AbortReason = 'cancelled' | 'shutdown' | 'run_timeout' | 'step_timeout';

export function reasonOf(signal: AbortSignal): AbortReason | undefined {
  return signal.aborted ? (signal.reason as AbortReason) : undefined;
}

/** Sleeps on the clock; an abort ends the sleep early (the caller checks the signal). */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      cancel();
      resolve();
    };
    const cancel = clock.setTimer(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A child signal that follows its parent's abort, keeping its reason, and when given a limit aborts
 * by itself with the limit's reason once its time has passed. `release` detaches it from both.
 */
export function childSignal(
  clock: Clock,
  parent: AbortSignal,
  limit?: { ms: number; reason: AbortReason },
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  const cancelTimer = limit ? clock.setTimer(() => controller.abort(limit.reason), limit.ms) : undefined;
  return {
    signal: controller.signal,
    release: () => {
      cancelTimer?.();
      parent.removeEventListener('abort', forward);
    },
  };
}

export function abortedOutcome(reason: AbortReason, stepId: string | null, cause: string): RunOutcome {
  const signals = [`abort=${reason}`, ...(stepId ? [`step=${stepId}`] : [])];
  if (reason === 'shutdown') return { status: 'interrupted' };
  if (reason === 'run_timeout' || reason === 'step_timeout') {
    return { status: 'timed_out', error: { reason: reason, error: cause, signals } };
  }
  return { status: 'cancelled', error: { reason: 'cancelled', error: 'Cancelled by the user', signals } };
}
