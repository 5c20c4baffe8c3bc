// Occurrences that passed while a task or the whole scheduler was paused are not caught up, but the
// ledger records each one as paused, so none of them is dropped without a trace.
import type { Store } from '../store';
import type { OccurrenceCause } from '../model/occurrences';
import { dueOccurrences } from './fire-plan';
import type { ScheduleSpec } from './schedule-spec';

export interface PausedSpan {
  taskId: string;
  spec: ScheduleSpec;
  /** The occurrence the task was waiting for when it was paused. */
  first: number;
  now: number;
  /** 'scheduler_paused' when the scheduler as a whole was paused; none when the task itself was. */
  cause?: OccurrenceCause;
}

/** Records, inside the caller's transaction, every occurrence from `first` up to `now`; returns how many. */
export function recordPausedOccurrences(store: Store, span: PausedSpan): number {
  if (span.first > span.now) return 0;
  const passed = dueOccurrences(span.spec, span.first, span.now);
  store.occurrences.record(
    passed.map((occurrenceAt) => ({
      taskId: span.taskId,
      occurrenceAt,
      outcome: 'paused' as const,
      cause: span.cause ?? null,
    })),
    span.now,
  );
  return passed.length;
}
