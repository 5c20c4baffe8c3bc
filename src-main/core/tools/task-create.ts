// task.create: a step creates a follow-up task (an agent schedules its own next piece of work),
// validated exactly like a tasks.create call; the new task joins the run's project unless told.
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { defineTool, ToolError } from './tool';

/** The fields tasks.create takes; anything else it takes (priority, taskType, budgetUsd...) passes through. */
export const taskCreateToolInput = z.looseObject({
  title: z.string().trim().min(1, 'is required'),
  description: z.string().optional(),
  pipeline: z.unknown().optional(),
  schedule: z.unknown().optional(),
});

export const taskCreateToolOutput = z.object({ task_id: z.string(), title: z.string() });

export const taskCreate = defineTool({
  name: 'task.create',
  description:
    'Creates a follow-up task with the same fields as the tasks.create call (title, description, pipeline, ' +
    "schedule, priority, taskType, ...). It belongs to this run's project unless projectId is given.",
  input: taskCreateToolInput,
  output: taskCreateToolOutput,
  async execute(input, context) {
    if (context.signal.aborted) throw new ToolError('cancelled', 'task.create was cancelled');
    const request = !('projectId' in input) && context.project ? { ...input, projectId: context.project.id } : input;
    try {
      const created = await context.services.createTask(request);
      context.log({ stream: 'system', message: `created task ${created.id}: ${created.title}` });
      return { task_id: created.id, title: created.title };
    } catch (error) {
      throw refusal(error);
    }
  },
});

/** A refused tasks.create as a permanent failure that names each field that was wrong. */
function refusal(error: unknown): unknown {
  if (!AppError.isInstance(error)) return error;
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { path?: unknown; message?: unknown }[])
    : [];
  const text =
    error.code === 'validation_failed' && issues.length > 0
      ? issues.map((i) => (i.path ? `${String(i.path)}: ${String(i.message)}` : String(i.message))).join('; ')
      : error.message;
  return new ToolError('permanent', `task.create: ${text}`, { code: error.code, issues });
}
