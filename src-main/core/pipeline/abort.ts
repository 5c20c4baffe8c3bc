// How a run or step stops early: the abort reasons (AbortSignal.reason), child controllers that
// keep the parent's reason, a sleep an abort cuts short, and the outcome each reason leads to.
import type { Clock } from '../lib/clock';
import type { RunOutcome } from '../queue/transitions';

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

/** A child controller that follows its parent's abort, keeping the parent's reason. */
export function childController(parent: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return { controller, release: () => parent.removeEventListener('abort', forward) };
}

export function abortedOutcome(reason: AbortReason, stepId: string | null, cause: string): RunOutcome {
  const signals = [`abort=${reason}`, ...(stepId ? [`step=${stepId}`] : [])];
  if (reason === 'shutdown') return { status: 'interrupted' };
  if (reason === 'run_timeout' || reason === 'step_timeout') {
    return { status: 'timed_out', error: { reason: reason, error: cause, signals } };
  }
  return { status: 'cancelled', error: { reason: 'cancelled', error: 'Cancelled by the user', signals } };
}
