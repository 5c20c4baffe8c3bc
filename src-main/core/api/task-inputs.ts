// Inputs of the calls that create, change, list and start tasks: the task's fields with the
// messages people read when one is wrong.
import { z } from 'zod';
import { isValidTimeZone } from '../lib/time-format';
import { retryPolicyInput } from '../model/retry-policy';
import { successCriterionInput } from '../model/feedback';
import { pipelineInput } from '../pipeline/spec';
import {
  misfirePolicies,
  overlapPolicies,
  phases,
  priorities,
  scheduleKinds,
  taskColumns,
  taskStatuses,
} from '../model/types';

const id = z.string().min(1, 'is required').max(100);
export const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date-time, e.g. 2026-11-23T08:30:00-07:00',
});

const timezone = z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone such as America/Denver' });

export const scheduleInput = z
  .object({
    kind: z.enum(scheduleKinds),
    expr: z.string().trim().max(1000).nullish(),
    timezone: timezone.nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'manual' && s.expr) {
      ctx.addIssue({ code: 'custom', path: ['expr'], message: 'must be empty for a manual schedule' });
    }
    if (s.kind !== 'manual' && !s.expr) {
      ctx.addIssue({ code: 'custom', path: ['expr'], message: `is required for a ${s.kind} schedule` });
    }
  });

// How late a missed occurrence may still be caught up; null goes back to the default (24 h).
const misfireGraceInput = z
  .number({ error: 'must be a duration in milliseconds, e.g. 7200000 for 2 hours' })
  .int('must be a whole number of milliseconds')
  .positive('must be a positive duration in milliseconds')
  .max(366 * 24 * 3600_000, 'must be at most 366 days (31622400000 ms)');

// When a task's runs may start; null or {} removes every condition.
const runConditionsInput = z.strictObject({
  acPower: z.boolean({ error: 'must be true or false' }).optional(),
  idleMinutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(24 * 60, 'must be at most 1440 minutes (one day)')
    .optional(),
  minBatteryPercent: z
    .number({ error: 'must be a percentage' })
    .int('must be a whole percentage')
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .optional(),
});

/** Tags as typed, trimmed; the same tag twice (ignoring case) is kept once, as first written. */
const tagsInput = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(40, 'must be at most 40 characters')
      .regex(/^[^,]+$/, 'must not contain a comma'),
  )
  .max(20, 'must be at most 20 tags')
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

const taskFields = {
  projectId: id.nullish(),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z.string().max(20_000, 'must be at most 20000 characters').optional(),
  taskType: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(50)
    .regex(/^[a-z0-9_-]+$/, 'must be lowercase letters, digits, _ or -')
    .optional(),
  priority: z.enum(priorities).optional(),
  status: z.enum(taskStatuses).optional(),
  currentPhase: z.enum(phases).nullish(),
  pipeline: pipelineInput.optional(),
  schedule: scheduleInput.optional(),
  misfirePolicy: z.enum(misfirePolicies).optional(),
  misfireGraceMs: misfireGraceInput.nullish(),
  timeoutMs: z
    .number({ error: 'must be a duration in milliseconds' })
    .int('must be a whole number of milliseconds')
    .positive('must be more than 0')
    .max(7 * 24 * 3600 * 1000, 'must be at most 7 days (604800000 ms)')
    .nullish(),
  concurrencyKey: z.string().trim().min(1).max(100).nullish(),
  maxConcurrentRuns: z.number().int().min(1).max(64).optional(),
  overlapPolicy: z.enum(overlapPolicies).optional(),
  retryPolicy: retryPolicyInput.optional(),
  dependsOn: z.array(id).max(100).optional(),
  notificationPolicy: z
    .strictObject({
      onSuccess: z.boolean().optional(),
      onFailure: z.boolean().optional(),
      onHalt: z.boolean().optional(),
      onApproval: z.boolean().optional(),
      onBudgetWarning: z.boolean().optional(),
    })
    .optional(),
  budgetUsd: z.number().nonnegative('must not be negative').nullish(),
  tags: tagsInput.optional(),
  /** Seed 004's `{ criterion, measurable }`, or plain strings; a measurable is JMESPath, checked on save. */
  successCriteria: z.array(successCriterionInput).max(50).optional(),
  deadline: isoInstant.nullish(),
  estimatedHours: z.number().nonnegative('must not be negative').nullish(),
  /** Values for the pipeline's params: what scheduled runs get, and what a run now starts from. */
  params: z.record(z.string(), z.unknown()).optional(),
  conditions: runConditionsInput.nullish(),
  /** Ask the host to wake the computer from sleep a minute before each scheduled run. */
  wakeToRun: z.boolean({ error: 'must be true or false' }).optional(),
};

export const taskCreateInput = z.object(taskFields);
export const taskUpdateInput = z.object({ id, ...taskFields, title: taskFields.title.optional() });

export const taskListInput = z.object({
  status: z.array(z.enum(taskStatuses)).optional(),
  /** Only tasks standing in these board columns. */
  column: z.array(z.enum(taskColumns)).optional(),
  projectId: id.optional(),
  taskType: z.string().optional(),
  /** Only tasks carrying at least one of these tags (ignoring case). */
  tag: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  priority: z.array(z.enum(priorities)).optional(),
  paused: z.boolean().optional(),
  /** Only tasks with at least one failed or timed-out run. */
  hasFailures: z.boolean().optional(),
  /** Only tasks at risk of missing their deadline, or past it, with no successful run. */
  deadline: z.array(z.enum(['at_risk', 'overdue'])).optional(),
  /** Matched against title, description, type, tags and project name. */
  search: z.string().trim().max(200).optional(),
  sort: z.enum(['updated', 'created', 'priority', 'title', 'next_run']).default('updated'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
  /** The board's view: up to this many tasks of each column (limit and offset then do not apply). */
  perColumn: z.number().int().min(1).max(500).optional(),
});

export const snoozeInput = z
  .object({
    id,
    action: z.enum(['skip_next', 'delay']),
    delayMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.action === 'delay' && s.delayMinutes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMinutes'], message: 'is required to delay the next run' });
    }
  });

/** `params` override the task's stored values for this run only. */
export const runNowInput = z.object({ id, params: z.record(z.string(), z.unknown()).optional() });
