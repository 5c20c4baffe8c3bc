// JSON Schemas for the MCP tools: inputs derived from the contract's zod schemas, outputs written
// to match the contract's output types (what every answer has; further fields are allowed).
import { z } from 'zod';
import { calls, type CallName } from '../core/api/contract';

export type JsonSchema = Record<string, unknown> & { type: 'object' };

/** The call's input schema as a client sends it (before defaults and transforms are applied). */
export function inputSchemaOf(call: CallName, descriptions: Record<string, string> = {}): JsonSchema {
  const schema = z.toJSONSchema(calls[call].input as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [field, description] of Object.entries(descriptions)) {
    properties[field] = { ...properties[field], description };
  }
  return { ...schema, type: 'object', properties };
}

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const num = { type: 'number' };
const bool = { type: 'boolean' };

function object(properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema {
  return { type: 'object', properties, required };
}

export const taskOutput = object({
  id: str,
  title: str,
  paused: bool,
  status: str,
  nextRunAt: nullableStr,
  schedule: { type: 'object', properties: { kind: str } },
  pipeline: { type: 'object', properties: { steps: { type: 'array' } } },
});

export const runOutput = object({
  id: str,
  taskId: str,
  trigger: str,
  status: str,
  scheduledFor: str,
  startedAt: nullableStr,
  finishedAt: nullableStr,
  error: { type: ['object', 'null'] },
  costUsd: num,
});

/** A task as list_tasks gives it: what a board card shows; get_task gives the whole task. */
export const taskSummaryOutput = object({
  id: str,
  title: str,
  paused: bool,
  status: str,
  nextRunAt: nullableStr,
  schedule: { type: 'object', properties: { kind: str } },
  scheduleText: str,
  column: str,
  tools: { type: 'array', items: str },
});

/** A run as list_runs gives it; get_run gives the whole run with its steps. */
export const runSummaryOutput = object({
  id: str,
  taskId: str,
  trigger: str,
  status: str,
  queuedAt: str,
  startedAt: nullableStr,
  finishedAt: nullableStr,
  error: { type: ['object', 'null'] },
  costUsd: num,
});

export const logLineOutput = object({
  id: num,
  stepId: nullableStr,
  stream: str,
  level: str,
  message: str,
  loggedAt: str,
});

export function pageOf(item: JsonSchema): JsonSchema {
  return object({ items: { type: 'array', items: item }, total: num, limit: num, offset: num });
}

const issues = { type: 'array', items: object({ path: str, message: str }) };

export const runDetailsOutput = object({
  run: runOutput,
  params: { type: 'object' },
  steps: { type: 'array', items: object({ stepId: str, status: str }, ['stepId', 'status']) },
  logs: { type: 'array', items: logLineOutput },
  attempts: { type: 'array', items: runOutput },
});

export const runLogOutput = object({ lines: { type: 'array', items: logLineOutput } });

export const schedulePreviewOutput = object({
  description: str,
  occurrences: { type: 'array', items: object({ at: str, local: str }) },
});

export const scheduleValidationOutput = object({ valid: bool, description: nullableStr, issues });

export const pipelineValidationOutput = object({ ok: bool, pipeline: { type: ['object', 'null'] }, issues });

const totals = { calls: num, failedCalls: num, inputTokens: num, outputTokens: num, costUsd: num };
export const usageOutput = object({
  from: nullableStr,
  to: nullableStr,
  timezone: str,
  totals: object(totals),
  byProvider: { type: 'array', items: object({ ...totals, provider: str }) },
  byDay: { type: 'array', items: object({ ...totals, day: str }) },
  byTask: { type: 'array' },
  budgets: { type: 'array' },
});

export const approvalsOutput = object({
  approvals: { type: 'array', items: object({ id: str, runId: str, status: str }, ['id', 'runId', 'status']) },
});

export const createdTaskOutput = object({
  task: taskOutput,
  paused: bool,
  /** The tools that keep it paused until the user enables it. */
  needsUserFor: { type: 'array', items: str },
  message: str,
});
