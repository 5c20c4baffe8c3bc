// After the wall clock was set back, each task's next run is counted again from the new now, so
// no schedule waits for the clock to catch up with a next run computed before the change. An
// occurrence that already has its run is passed over: setting the clock back never runs it twice.
import type { Store } from '../store';
import { occurrencesBetween } from './next-run';
import { scheduleSpec } from './schedule-spec';

/** Occurrences examined per task between the new now and its stored next run. */
const MAX_REBASED = 10_000;

/** Moves next runs earlier to the first unfired occurrence after `now`; returns the tasks moved. */
export function rebaseNextRuns(store: Store, now: number, displayTimezone: string): number {
  const repo = store.clockChange;
  return store.write((tx) => {
    let moved = 0;
    for (const task of repo.scheduledAfter(now)) {
      const schedule = { kind: task.scheduleKind, expr: task.scheduleExpr, timezone: task.scheduleTimezone };
      const spec = scheduleSpec(schedule, displayTimezone, task.createdAt);
      // Up to the stored occurrence itself: when every earlier one already fired, it stays next.
      const candidates = occurrencesBetween(spec, now, task.nextOccurrenceAt, MAX_REBASED);
      const fired = repo.firedBetween(task.id, now, task.nextOccurrenceAt);
      const next = candidates.find((occurrence) => !fired.has(occurrence));
      if (next === undefined || next >= task.nextRunAt) continue;
      store.scheduler.setNext(task.id, { runAt: next, occurrenceAt: next }, null);
      tx.publish('task:updated', { task: store.tasks.get(task.id)! });
      moved++;
    }
    return moved;
  });
}
