// Schedule calls: validate an expression and preview its next occurrences, and pause, resume or
// inspect the scheduler as a whole.
import { AppError } from '../../lib/errors';
import { isoAt } from '../../lib/time-format';
import { describeSchedule } from '../../scheduler/describe';
import { previewSchedule } from '../../scheduler/preview';
import { nextOccurrence, taskScheduleIssues } from '../../scheduler/task-schedule';
import { recordPausedOccurrences } from '../../scheduler/paused-occurrences';
import { scheduleSpec, validateSchedule, type ScheduleSpec } from '../../scheduler/schedule-spec';
import type { ParsedInput, SchedulerStatus } from '../contract';
import type { HandlerContext } from './context';

export function createScheduleHandlers({ store, clock, settings, scheduleChanged }: HandlerContext) {
  const spec = (s: ParsedInput<'schedules.preview'>['schedule']): ScheduleSpec =>
    scheduleSpec(s, settings.get().displayTimezone, clock.now());

  function status(): SchedulerStatus {
    const state = store.scheduler.state();
    const next = store.scheduler.earliestNextRun();
    const nextTask = next === null ? undefined : store.scheduler.nextTask();
    return {
      paused: state.paused,
      pausedAt: state.pausedAt === null ? null : isoAt(state.pausedAt),
      heartbeatAt: state.heartbeatAt === null ? null : isoAt(state.heartbeatAt),
      nextRunAt: next === null ? null : isoAt(next),
      nextTaskId: nextTask?.id ?? null,
      nextTaskTitle: nextTask?.title ?? null,
    };
  }

  function setPaused(paused: boolean): SchedulerStatus {
    const result = store.write((tx) => {
      const now = clock.now();
      if (store.scheduler.state().paused === paused) return status();
      if (!paused) {
        // Occurrences that passed while paused move on to their next time; they are not caught up.
        for (const id of store.scheduler.overdueIds(now)) {
          const task = store.scheduler.dueTask(id)!;
          const spec = scheduleSpec(
            { kind: task.scheduleKind, expr: task.scheduleExpr, timezone: task.scheduleTimezone },
            settings.get().displayTimezone,
            task.createdAt,
          );
          recordPausedOccurrences(store, {
            taskId: id,
            spec,
            first: task.nextOccurrenceAt,
            now,
            cause: 'scheduler_paused',
          });
          const next = nextOccurrence(spec, now);
          store.scheduler.setNext(id, { runAt: next, occurrenceAt: next }, null);
        }
      }
      store.scheduler.setPaused(paused, now);
      const current = status();
      tx.record({
        type: paused ? 'scheduler:paused' : 'scheduler:resumed',
        summary: paused ? 'Paused the scheduler' : 'Resumed the scheduler',
      });
      tx.publish('scheduler:updated', { status: current });
      return current;
    });
    scheduleChanged();
    return result;
  }

  return {
    'schedules.validate': async ({ schedule }: ParsedInput<'schedules.validate'>) => {
      const s = spec(schedule);
      const issues = taskScheduleIssues(s, clock.now());
      return issues.length === 0
        ? { valid: true, description: describeSchedule(s), issues: [] }
        : { valid: false, description: null, issues };
    },
    'schedules.preview': async (input: ParsedInput<'schedules.preview'>) => {
      const s = spec(input.schedule);
      const check = validateSchedule(s);
      if (!check.ok) {
        const issues = check.issues.map((i) => ({ path: `schedule.${i.path}`, message: i.message }));
        throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
      }
      return previewSchedule(s, input.from ? Date.parse(input.from) : clock.now(), input.count);
    },
    'scheduler.status': async () => status(),
    'scheduler.pause': async () => setPaused(true),
    'scheduler.resume': async () => setPaused(false),
  };
}
