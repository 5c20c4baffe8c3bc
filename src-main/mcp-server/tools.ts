// The MCP tools: each a call (or a short sequence of calls) of the API contract, with the call's
// input schema and a schema for its answer. No tool decides an approval: agents cannot approve their own halts.
import { AppError } from '../core/lib/errors';
import type { CallInput, CallName, Pipeline, Task } from '../core/api/contract';
import type { ApiCaller } from './api-caller';
import { pausedUntilEnabledMessage, toolsNeedingUser } from './gate';
import * as out from './schemas';

type Args = Record<string, unknown>;

export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: out.JsonSchema;
  outputSchema: out.JsonSchema;
  run(api: ApiCaller, args: Args): Promise<Record<string, unknown>>;
}

/** Input reaches the dispatcher as given: it validates and names each bad field with its path. */
const asInput = <K extends CallName>(args: Args): CallInput<K> => args as CallInput<K>;

function direct<K extends CallName>(
  tool: Omit<McpTool, 'run' | 'inputSchema'> & { call: K; wrap?: string; fields?: Record<string, string> },
): McpTool {
  const { call, wrap, fields, ...rest } = tool;
  return {
    ...rest,
    inputSchema: out.inputSchemaOf(call, fields),
    async run(api, args) {
      const answer = await api.call(call, asInput<K>(args));
      return wrap ? { [wrap]: answer } : (answer as Record<string, unknown>);
    },
  };
}

const pipelineField =
  'The pipeline: { params?, steps: [{ id, uses, with, ... }] } as an object, or as JSON or YAML text.';
const scheduleField =
  'When it runs: { kind: cron | rrule | once | interval | manual, expr, timezone? }, e.g. { kind: "once", expr: "2026-12-01T08:30" }.';

/** Refuses an issue list as one validation error whose paths start at the task's field. */
function refuse(call: string, field: string, issues: { path: string; message: string }[]): never {
  const prefixed = issues.map((i) => ({ path: i.path ? `${field}.${i.path}` : field, message: i.message }));
  const text = prefixed.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('validation_failed', `Invalid input for ${call}: ${text}`, { call, issues: prefixed });
}

async function createTask(api: ApiCaller, args: Args): Promise<Record<string, unknown>> {
  let needsUser: string[] = [];
  if (args.pipeline !== undefined) {
    const checked = await api.call('pipelines.validate', { pipeline: args.pipeline as Args });
    if (!checked.ok) refuse('create_task', 'pipeline', checked.issues);
    needsUser = toolsNeedingUser(checked.pipeline as Pipeline | null);
  }
  if (args.schedule !== undefined) {
    const checked = await api.call('schedules.validate', asInput<'schedules.validate'>({ schedule: args.schedule }));
    if (!checked.valid) refuse('create_task', 'schedule', checked.issues);
  }
  if (needsUser.length === 0) {
    const task = await api.call('tasks.create', asInput<'tasks.create'>(args));
    return { task, paused: task.paused, needsUserFor: [], message: `Created "${task.title}".` };
  }
  // Created without its schedule, paused, then given it: at no moment can it fire unattended.
  const { schedule, ...rest } = args;
  const created = await api.call('tasks.create', asInput<'tasks.create'>(rest));
  let task: Task = await api.call('tasks.pause', { id: created.id });
  if (schedule !== undefined) {
    try {
      task = await api.call('tasks.update', asInput<'tasks.update'>({ id: created.id, schedule }));
    } catch (error) {
      await api.call('tasks.delete', { id: created.id });
      throw error;
    }
  }
  return { task, paused: true, needsUserFor: needsUser, message: pausedUntilEnabledMessage(task.title, needsUser) };
}

/** A task held for the user (paused, with side-effecting steps) is theirs to enable, not an agent's. */
async function requireEnabledByUser(api: ApiCaller, id: unknown, action: string): Promise<void> {
  if (typeof id !== 'string') return;
  const task = await api.call('tasks.get', { id });
  const needsUser = toolsNeedingUser(task.pipeline);
  if (task.paused && needsUser.length > 0) {
    throw new AppError(
      'forbidden',
      `An agent cannot ${action} "${task.title}": ${pausedUntilEnabledMessage(task.title, needsUser)}`,
      {
        id,
        tools: needsUser,
      },
    );
  }
}

export const tools: McpTool[] = [
  direct({
    name: 'list_tasks',
    title: 'List tasks',
    description:
      'Lists scheduled tasks, newest change first, as summaries (get_task gives a whole task); filter by status, project, type, tag, paused or a search text.',
    call: 'tasks.list',
    outputSchema: out.pageOf(out.taskSummaryOutput),
  }),
  direct({
    name: 'get_task',
    title: 'Get a task',
    description: 'One task with its pipeline, schedule, next run and settings.',
    call: 'tasks.get',
    outputSchema: out.taskOutput,
  }),
  {
    name: 'create_task',
    title: 'Create a task',
    description:
      'Creates a task from a pipeline and a schedule (both validated; issues come back with their paths). ' +
      'A task whose pipeline has steps other than wait, llm.*, http.request, file.read, notify.send or ' +
      'approval.request (shell.exec, agent.run, file.write, git, ...) is created paused and stays paused until the user enables it.',
    inputSchema: out.inputSchemaOf('tasks.create', { pipeline: pipelineField, schedule: scheduleField }),
    outputSchema: out.createdTaskOutput,
    run: createTask,
  },
  {
    name: 'run_task',
    title: 'Run a task now',
    description: 'Queues a run of the task now; params override its stored param values for this run only.',
    inputSchema: out.inputSchemaOf('tasks.runNow'),
    outputSchema: out.runOutput,
    async run(api, args) {
      await requireEnabledByUser(api, args.id, 'run');
      return { ...(await api.call('tasks.trigger', { ...asInput<'tasks.runNow'>(args), trigger: 'agent' })) };
    },
  },
  direct({
    name: 'pause_task',
    title: 'Pause a task',
    description: 'Stops the task firing on its schedule until it is resumed.',
    call: 'tasks.pause',
    outputSchema: out.taskOutput,
  }),
  {
    name: 'resume_task',
    title: 'Resume a task',
    description: 'Lets a paused task fire on its schedule again (not one held for the user to enable).',
    inputSchema: out.inputSchemaOf('tasks.resume'),
    outputSchema: out.taskOutput,
    async run(api, args) {
      await requireEnabledByUser(api, args.id, 'resume');
      return { ...(await api.call('tasks.resume', asInput<'tasks.resume'>(args))) };
    },
  },
  direct({
    name: 'list_runs',
    title: 'List runs',
    description: 'Runs, newest first, as summaries (get_run gives a whole run); filter by task and status.',
    call: 'runs.list',
    outputSchema: out.pageOf(out.runSummaryOutput),
  }),
  direct({
    name: 'get_run',
    title: 'Get a run',
    description: 'One run with its params, steps (checkpoints), log and attempts.',
    call: 'runs.get',
    outputSchema: out.runDetailsOutput,
  }),
  direct({
    name: 'read_run_log',
    title: "Read a run's log",
    description: 'Log lines of a run, oldest first; pass afterId to read only newer lines.',
    call: 'runs.logs',
    wrap: 'lines',
    outputSchema: out.runLogOutput,
  }),
  direct({
    name: 'preview_schedule',
    title: 'Preview a schedule',
    description: 'Describes a schedule in plain English and lists its next occurrences, DST changes marked.',
    call: 'schedules.preview',
    fields: { schedule: scheduleField },
    outputSchema: out.schedulePreviewOutput,
  }),
  direct({
    name: 'validate_schedule',
    title: 'Validate a schedule',
    description: 'Checks a schedule; issues come back with their paths.',
    call: 'schedules.validate',
    fields: { schedule: scheduleField },
    outputSchema: out.scheduleValidationOutput,
  }),
  direct({
    name: 'validate_pipeline',
    title: 'Validate a pipeline',
    description: 'Checks a pipeline without saving it; each issue names its path (steps[1].uses, ...).',
    call: 'pipelines.validate',
    fields: { pipeline: pipelineField },
    outputSchema: out.pipelineValidationOutput,
  }),
  direct({
    name: 'usage_summary',
    title: 'Usage summary',
    description: 'Tokens and cost, by provider, model, day, task and run, and where each budget stands.',
    call: 'usage.summary',
    outputSchema: out.usageOutput,
  }),
  direct({
    name: 'list_approvals',
    title: 'List approvals',
    description: 'Halted runs waiting for the user. Only the user decides them, in the board.',
    call: 'approvals.list',
    wrap: 'approvals',
    outputSchema: out.approvalsOutput,
  }),
];
