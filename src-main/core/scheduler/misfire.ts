// What to fire for one due task: the pure decision between on-time runs, catch-up runs and
// occurrences given up, by the task's misfire policy and grace window. No clock, no database.
import type { MisfirePolicy } from '../model/types';

/**
 * An occurrence fired more than this after its due time was missed and goes through the task's
 * misfire policy, however short the delay. The loop wakes within a few milliseconds of a due time,
 * so only a stopped host, a sleeping machine, a clock change or a stalled loop makes a run this late.
 */
export const ON_TIME_TOLERANCE_MS = 5_000;
/** Missed occurrences older than this are not caught up unless the task sets its own window. */
export const DEFAULT_GRACE_MS = 24 * 3600_000;
/** run_all catches up at most this many occurrences; the rest are reported as missed. */
export const MAX_CATCH_UP_RUNS = 20;

export interface FireDecision {
  scheduledFor: number;
  trigger: 'schedule' | 'catch_up';
}

export interface FiringPlan {
  fire: FireDecision[];
  /** Occurrences that were not fired on time: each one either caught up or given up. */
  missed: number[];
}

export interface FiringInput {
  /** Every occurrence due by now, ascending; the first may have been delayed by a snooze. */
  due: number[];
  /** When the first occurrence was due (its snoozed time, or the occurrence itself). */
  firstDueAt: number;
  policy: MisfirePolicy;
  graceMs: number | null;
  now: number;
}

export function planFiring(input: FiringInput): FiringPlan {
  const { due, now } = input;
  const dueAt = (i: number): number => (i === 0 ? input.firstDueAt : due[i]!);
  const onTime: FireDecision[] = [];
  const late: number[] = [];
  due.forEach((occurrence, i) => {
    if (now - dueAt(i) <= ON_TIME_TOLERANCE_MS) onTime.push({ scheduledFor: occurrence, trigger: 'schedule' });
    else late.push(occurrence);
  });
  if (late.length === 0) return { fire: onTime, missed: [] };

  const grace = input.graceMs ?? DEFAULT_GRACE_MS;
  const catchable = late.filter((occurrence) => now - occurrence <= grace);
  let caughtUp: number[] = [];
  switch (input.policy) {
    case 'skip':
      break;
    case 'run_once':
      // An on-time run already covers the task; otherwise one run for the latest missed occurrence.
      if (onTime.length === 0 && catchable.length > 0) caughtUp = [catchable.at(-1)!];
      break;
    case 'run_all':
      caughtUp = catchable.slice(-MAX_CATCH_UP_RUNS);
      break;
    default: {
      const unreachable: never = input.policy;
      throw new Error(`Unknown misfire policy ${String(unreachable)}`);
    }
  }
  return {
    fire: [...caughtUp.map((scheduledFor) => ({ scheduledFor, trigger: 'catch_up' as const })), ...onTime],
    missed: late,
  };
}
