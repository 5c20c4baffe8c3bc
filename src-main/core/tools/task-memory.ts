// task.progress and context.set: what a run leaves for the person and for the task's next runs. A
// progress entry (percent and message) joins the task's progress log; context.set writes the next
// version of the task's shared context, which later runs read as `${context.<path>}`.
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext, type TaskMemoryService } from './tool';

/** The context is read into every run of the task: it stays small. */
export const MAX_CONTEXT_BYTES = 256 * 1024;
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function memoryOf(context: ToolContext, tool: string): TaskMemoryService {
  if (context.signal.aborted) throw new ToolError('cancelled', `${tool} was cancelled`);
  const memory = context.services.memory;
  if (!memory) throw new ToolError('permanent', `${tool} can only run as a step of a task's run`);
  return memory;
}

export const taskProgressInput = z
  .object({
    percent: z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100').optional(),
    message: z.string().trim().min(1, 'is required').max(2_000, 'must be at most 2000 characters'),
  })
  .strict();

export const taskProgressOutput = z.object({ entry_id: z.number().int() });

export const taskProgress = defineTool({
  name: 'task.progress',
  description:
    "Records how far the task has come (percent 0-100, optional, and a message) in the task's progress log, " +
    'shown on the run page and in the task form.',
  input: taskProgressInput,
  output: taskProgressOutput,
  async execute(input, context) {
    const memory = memoryOf(context, 'task.progress');
    const percent = input.percent ?? null;
    const { id } = await memory.progress({
      taskId: context.taskId,
      runId: context.runId,
      stepId: context.stepId,
      percent,
      message: input.message,
    });
    const shown = context.services.masker.text(input.message);
    context.log({ stream: 'system', message: `progress${percent === null ? '' : ` ${percent}%`}: ${shown}` });
    return { entry_id: id };
  },
});

const contextPath = z
  .string()
  .refine((path) => path.split('.').every((segment) => SEGMENT.test(segment)), {
    message:
      'must be names joined by dots, such as briefing.lastTopics (each a letter or _, then letters, digits, _ or -)',
  })
  .refine((path) => path.split('.').length <= 16, { message: 'must be at most 16 names deep' });

export const contextSetInput = z
  .object({
    /** Where in the context: names joined by dots. Without it, `merge` applies to the whole document. */
    path: contextPath.optional(),
    /** The value to put at `path`; null removes it. */
    value: z.unknown().optional(),
    /** A JSON merge patch (RFC 7386) for the object at `path`: null removes a key, objects merge. */
    merge: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const hasValue = input.value !== undefined;
    if (hasValue === (input.merge !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either value (with a path) or merge, not both' });
    } else if (hasValue && input.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'is required with value' });
    }
  });

export const contextSetOutput = z.object({
  version: z.number().int(),
  context: z.record(z.string(), z.unknown()),
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** RFC 7386: null removes a key, an object merges into an object, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** A copy of `document` with `update` applied to what is at `path` (null from `update` removes it). */
export function updateAt(document: Json, path: readonly string[], update: (current: unknown) => unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) {
    const next = update(document);
    return isObject(next) ? next : {};
  }
  const out = { ...document };
  const next = rest.length === 0 ? update(out[head]) : updateAt(isObject(out[head]) ? out[head] : {}, rest, update);
  if (next === null) delete out[head];
  else out[head] = next;
  return out;
}

export const contextSet = defineTool({
  name: 'context.set',
  description:
    "Writes the task's shared context, which later runs read as ${context.<path>}: value puts a value at path " +
    '(null removes it); merge applies a JSON merge patch at path, or to the whole context. Each write is a new ' +
    'version, kept with the run that wrote it.',
  input: contextSetInput,
  output: contextSetOutput,
  async execute(input, context) {
    const memory = memoryOf(context, 'context.set');
    const path = input.path ? input.path.split('.') : [];
    const change = (current: Json): Json => {
      const next = updateAt(current, path, (at) =>
        input.merge !== undefined ? mergePatch(at, input.merge) : (input.value as unknown),
      );
      const size = Buffer.byteLength(JSON.stringify(next));
      if (size > MAX_CONTEXT_BYTES) {
        throw new ToolError(
          'permanent',
          `steps.${context.stepId}: the task's context would be ${size} bytes, over its limit of ${MAX_CONTEXT_BYTES}`,
        );
      }
      return next;
    };
    const written = await memory.setContext(
      { taskId: context.taskId, runId: context.runId, stepId: context.stepId },
      change,
    );
    context.log({
      stream: 'system',
      message: `context version ${written.version}: ${input.path ?? '(whole context)'} ${input.merge !== undefined ? 'merged' : 'set'}`,
    });
    return { version: written.version, context: written.document };
  },
});
