// Zod schemas of what the main calls answer, for the OpenAPI document. Each is checked at compile
// time against the contract's TypeScript output type, so the two cannot drift apart silently.
import { z } from 'zod';
import {
  approvalStatuses,
  budgetDecisions,
  misfirePolicies,
  overlapPolicies,
  phases,
  priorities,
  runStatuses,
  taskColumns,
  type TaskColumn,
  type TaskPage,
  runTriggers,
  scheduleKinds,
  taskStatuses,
  type Approval,
  type QueueStatus,
  type Run,
  type RunPage,
  type RunSummary,
  type RunView,
  type RunLogLine,
  type SchedulerStatus,
  type Task,
  type TimelineEvent,
} from '../model/types';
import type { UsageSummary } from '../model/usage';
import { criterionStatuses, type RunAssessment } from '../model/feedback';
import type { CallOutput } from './contract';
import { exactly, instant, page, record } from './output-schema-kit';
import { ratingOutput } from './feedback-output-schemas';
import type { TaskExport, TaskImportResult, WebhookInfo } from './task-io';

const json = z.unknown();

export const runOutput = exactly<Run>()(
  z.strictObject({
    id: z.string(),
    taskId: z.string(),
    trigger: z.enum(runTriggers),
    scheduledFor: instant,
    status: z.enum(runStatuses),
    attempt: z.number().int(),
    queuedAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    error: z.strictObject({ reason: z.string(), error: z.string(), signals: z.array(z.string()) }).nullable(),
    costUsd: z.number(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
  }),
);

const pipelineStep = z.looseObject({ id: z.string(), uses: z.string() });

export const taskOutput = z.strictObject({
  id: z.string(),
  projectId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  taskType: z.string(),
  priority: z.enum(priorities),
  status: z.enum(taskStatuses),
  currentPhase: z.enum(phases).nullable(),
  pipeline: z.looseObject({ params: record.optional(), steps: z.array(pipelineStep) }),
  schedule: z.strictObject({
    kind: z.enum(scheduleKinds),
    expr: z.string().nullable(),
    timezone: z.string().nullable(),
  }),
  misfirePolicy: z.enum(misfirePolicies),
  misfireGraceMs: z.number().nullable(),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  nextRunAt: instant.nullable(),
  lastFiredAt: instant.nullable(),
  timeoutMs: z.number().nullable(),
  concurrencyKey: z.string().nullable(),
  maxConcurrentRuns: z.number().int(),
  overlapPolicy: z.enum(overlapPolicies),
  retryPolicy: z.strictObject({
    maxAttempts: z.number().int(),
    baseDelayMs: z.number(),
    maxDelayMs: z.number(),
    jitter: z.number(),
    recovery: z.enum(['resume', 'retry']),
  }),
  dependsOn: z.array(z.string()),
  notificationPolicy: z.strictObject({
    onSuccess: z.boolean().optional(),
    onFailure: z.boolean().optional(),
    onHalt: z.boolean().optional(),
    onApproval: z.boolean().optional(),
    onBudgetWarning: z.boolean().optional(),
  }),
  budgetUsd: z.number().nullable(),
  successCriteria: z.array(z.strictObject({ criterion: z.string(), measurable: z.string().nullable() })),
  tags: z.array(z.string()),
  deadline: instant.nullable(),
  estimatedHours: z.number().nullable(),
  actualHours: z.number().nullable(),
  params: record,
  conditions: z.strictObject({
    acPower: z.boolean().optional(),
    idleMinutes: z.number().optional(),
    minBatteryPercent: z.number().optional(),
  }),
  wakeToRun: z.boolean(),
  lastError: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
// Checked one way only: the pipeline's steps are described loosely here.
const _taskFits: Task = {} as z.output<typeof taskOutput>;
void _taskFits;

const boardTaskOutput = taskOutput
  .pick({
    id: true,
    title: true,
    taskType: true,
    priority: true,
    status: true,
    paused: true,
    schedule: true,
    nextRunAt: true,
    dependsOn: true,
    updatedAt: true,
    lastFiredAt: true,
    pausedReason: true,
    tags: true,
    deadline: true,
    estimatedHours: true,
    actualHours: true,
  })
  .extend({
    tools: z.array(z.string()),
    column: z.enum(taskColumns),
    waitingReason: z.string().nullable(),
    scheduleText: z.string(),
    lastRun: z
      .strictObject({
        id: z.string(),
        status: z.enum(runStatuses),
        costUsd: z.number(),
        finishedAt: instant.nullable(),
      })
      .nullable(),
    deadlineState: z.enum(['at_risk', 'overdue']).nullable(),
  });
export const taskPageOutput = exactly<TaskPage>()(
  page(boardTaskOutput).extend({
    columns: z.strictObject(
      Object.fromEntries(taskColumns.map((c) => [c, z.number().int()])) as Record<TaskColumn, z.ZodNumber>,
    ),
  }),
);
const runSummaryOutput = exactly<RunSummary>()(
  runOutput.omit({ scheduledFor: true, inputTokens: true, outputTokens: true }),
);
export const runPageOutput = exactly<RunPage>()(page(runSummaryOutput).extend({ nextCursor: z.string().nullable() }));

export const runLogLineOutput = exactly<RunLogLine>()(
  z.strictObject({
    id: z.number().int(),
    runId: z.string(),
    stepId: z.string().nullable(),
    stream: z.enum(['stdout', 'stderr', 'system']),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
    loggedAt: instant,
  }),
);

export const runAssessmentOutput = exactly<RunAssessment>()(
  z.strictObject({
    criteria: z.array(
      z.strictObject({
        criterion: z.string(),
        measurable: z.string().nullable(),
        status: z.enum(criterionStatuses),
        detail: z.string().nullable(),
      }),
    ),
    summary: z.string().nullable(),
    assessedAt: instant,
  }),
);

export const runDetailsOutput = exactly<RunView>()(
  z.strictObject({
    run: runOutput,
    params: record,
    steps: z.array(
      z.strictObject({
        stepId: z.string(),
        stepIndex: z.number().int(),
        status: z.enum(['created', 'complete', 'failed', 'rolled_back', 'skipped']),
        attempt: z.number().int(),
        inputsHash: z.string().nullable(),
        outputsHash: z.string().nullable(),
        input: json,
        output: json,
        error: json,
        skipped: z.boolean(),
        createdAt: instant,
        completedAt: instant.nullable(),
      }),
    ),
    logs: z.array(runLogLineOutput),
    attempts: z.array(runOutput),
    usageByStep: z.record(
      z.string(),
      z.strictObject({
        calls: z.number().int(),
        inputTokens: z.number(),
        outputTokens: z.number(),
        costUsd: z.number(),
      }),
    ),
    assessment: runAssessmentOutput.nullable(),
    rating: ratingOutput.nullable(),
  }),
);

export const queueStatusOutput = exactly<QueueStatus>()(
  z.strictObject({
    running: z.array(runOutput),
    queued: z.array(runOutput),
    waitingOnDependency: z.array(z.strictObject({ run: runOutput, reason: z.string(), blocked: z.boolean() })),
    waitingForRetry: z.array(z.strictObject({ run: runOutput, nextAttemptAt: instant })),
  }),
);

export const schedulerStatusOutput = exactly<SchedulerStatus>()(
  z.strictObject({
    paused: z.boolean(),
    pausedAt: instant.nullable(),
    heartbeatAt: instant.nullable(),
    nextRunAt: instant.nullable(),
    nextTaskId: z.string().nullable(),
    nextTaskTitle: z.string().nullable(),
  }),
);

const totals = {
  calls: z.number().int(),
  failedCalls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
};
export const usageSummaryOutput = exactly<UsageSummary>()(
  z.strictObject({
    from: instant.nullable(),
    to: instant.nullable(),
    timezone: z.string(),
    totals: z.strictObject(totals),
    byProvider: z.array(z.strictObject({ ...totals, provider: z.string() })),
    byModel: z.array(z.strictObject({ ...totals, provider: z.string(), model: z.string() })),
    byDay: z.array(z.strictObject({ ...totals, day: z.string() })),
    byTask: z.array(z.strictObject({ ...totals, taskId: z.string().nullable(), title: z.string().nullable() })),
    byRun: z.array(z.strictObject({ ...totals, runId: z.string().nullable(), taskId: z.string().nullable() })),
    budgets: z.array(
      z.strictObject({
        budget: z.enum(['task', 'daily', 'monthly']),
        label: z.string(),
        period: z.string(),
        limitUsd: z.number(),
        spentUsd: z.number(),
      }),
    ),
  }),
);

export const timelineEventOutput = exactly<TimelineEvent>()(
  z.strictObject({
    id: z.number().int(),
    type: z.string(),
    taskId: z.string().nullable(),
    runId: z.string().nullable(),
    summary: z.string(),
    payload: record,
    read: z.boolean(),
    createdAt: instant,
  }),
);
export const eventListOutput = exactly<CallOutput<'events.list'>>()(
  z.strictObject({
    items: z.array(timelineEventOutput),
    nextBeforeId: z.number().int().nullable(),
    unread: z.number().int(),
  }),
);

export const approvalOutput = exactly<Approval>()(
  z.strictObject({
    id: z.string(),
    runId: z.string(),
    taskId: z.string(),
    taskTitle: z.string(),
    kind: z.enum(['uncertainty', 'approval_step']),
    question: z.string(),
    signals: z.array(
      z.strictObject({ kind: z.string(), stepId: z.string(), message: z.string(), details: record.optional() }),
    ),
    step: z
      .strictObject({ id: z.string(), uses: z.string(), role: z.string().nullable(), phase: z.string().nullable() })
      .nullable(),
    output: json,
    hasOutput: z.boolean(),
    context: json,
    subject: z
      .strictObject({
        kind: z.enum(['draft', 'diff', 'output']),
        title: z.string(),
        stepId: z.string(),
        content: z.string(),
        truncated: z.boolean(),
      })
      .nullable(),
    budget: z
      .strictObject({
        kind: z.enum(['task', 'daily', 'monthly']),
        key: z.string(),
        spentUsd: z.number(),
        limitUsd: z.number(),
        period: z.string(),
        decision: z.enum(budgetDecisions).nullable(),
        raisedToUsd: z.number().nullable(),
      })
      .nullable(),
    status: z.enum(approvalStatuses),
    input: json,
    note: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: instant.nullable(),
    expiresAt: instant.nullable(),
    createdAt: instant,
  }),
);

export const webhookInfoOutput = exactly<WebhookInfo>()(
  z.strictObject({
    taskId: z.string(),
    enabled: z.boolean(),
    path: z.string(),
    header: z.string(),
    secret: z.string().optional(),
  }),
);

export const taskExportOutput = exactly<TaskExport>()(z.strictObject({ yaml: z.string(), count: z.number().int() }));

export const taskImportOutput = exactly<TaskImportResult>()(
  z.strictObject({
    ok: z.boolean(),
    dryRun: z.boolean(),
    created: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    issues: z.array(
      z.strictObject({
        file: z.string().nullable(),
        document: z.number().int(),
        title: z.string().nullable(),
        path: z.string(),
        message: z.string(),
      }),
    ),
  }),
);
