// What a run's steps read: the step shape, the run context (params, earlier outputs, run, task,
// now, the display timezone), each step's rendered input, and the stored pipeline's steps.
import type { RunRow } from '../db/repos/runs-repo';
import type { PipelineStep } from '../model/pipeline';
import { isoAt } from '../lib/time-format';
import { ToolError } from '../tools/tool';
import type { RunTask } from './run-task';
import { paramsWithDefaults, storedParams } from './spec';
import { renderValue, TemplateError, type TemplateScope } from './template';

/** What templates and `if` conditions read (params, steps, run, task, now), and the display timezone. */
export interface RunContext extends TemplateScope {
  /** The zone the time helpers (`${time(now)}`) format in. */
  timezone: string;
}

/** The data a run's templates and conditions read, without the timezone. */
export function scopeOf({ params, steps, run, task, now, context }: RunContext): TemplateScope {
  return { params, steps, run, task, now, ...(context ? { context } : {}) };
}

/**
 * The run context a run starts with. `now` is the run's first start, kept across a resume, so a
 * resumed run renders the same inputs and replays its completed steps; `shared` is the task's
 * context as it stood before the run's own writes, for the same reason.
 */
export function startContext(
  run: RunRow,
  task: RunTask,
  at: { now: number; timezone: string; shared: Record<string, unknown> },
): RunContext {
  const { now, timezone } = at;
  return {
    context: at.shared,
    params: paramsWithDefaults(storedParams(task.pipeline), run.params),
    steps: {},
    run: { id: run.id, attempt: run.attempt, trigger: run.trigger },
    task: { id: task.id, title: task.title, type: task.taskType, successCriteria: task.successCriteria },
    now: isoAt(run.startedAt ?? now),
    timezone,
  };
}

/**
 * The input a step gets: its `with` with every template rendered against the run context. A
 * reference with no value is a permanent failure naming the step, the field and the reference.
 */
export function resolveStepInput(step: PipelineStep, context: RunContext): unknown {
  try {
    return renderValue(step.with ?? {}, scopeOf(context), {
      timezone: context.timezone,
      where: `steps.${step.id}.with`,
    });
  } catch (error) {
    if (TemplateError.isInstance(error)) throw new ToolError('permanent', error.message);
    throw error;
  }
}

/** The task's stored pipeline. Validated on the way in by the API; checked again here, leniently. */
export function parsePipeline(json: string): PipelineStep[] {
  const parsed = JSON.parse(json) as { steps?: unknown };
  if (!Array.isArray(parsed.steps)) throw new ToolError('permanent', 'pipeline.steps: must be a list of steps');
  parsed.steps.forEach((s: unknown, i) => {
    const step = s as Partial<PipelineStep> | null;
    if (typeof step?.id !== 'string' || typeof step.uses !== 'string') {
      throw new ToolError('permanent', `pipeline.steps[${i}]: needs an id and a uses`);
    }
  });
  return parsed.steps as PipelineStep[];
}
