// The one API contract: every call the board, the CLI and the MCP bridge can make, with its
// zod input schema and output type, and every push event. Both transports are derived from it.
import { z } from 'zod';
import { providerIds, type SettingsPatch, type SettingsValues } from '../settings/schema';
import { secretNamePattern, type SecretInfo } from '../settings/secret-names';
import type { ValidationResult } from '../pipeline/spec';
import type { DryRunResult } from '../pipeline/dry-run';
import type { WorkDirCheck } from '../projects/work-dir';
import type { ToolCatalogEntry } from '../tools/registry';
import type { ProviderTestResult } from '../llm/provider-test';
import { systemWakeInput, type WakeStatus } from './wake-io';
import {
  runStatuses,
  approvalStatuses,
  budgetDecisions,
  type AppInfo,
  type Approval,
  type RollbackResult,
  type Project,
  type QueueStatus,
  type Run,
  type RunLogLine,
  type RunPage,
  type RunView,
  runTriggers,
  type SchedulePreview,
  type SchedulerStatus,
  type Task,
  type TaskPage,
  type TaskGraph,
  type TimelineEvent,
} from '../model/types';

export * from '../model/types';
export type { PushEventName, PushEvents, PushMessage } from '../events/push-events';
export type { TemplateEntry, TemplateNeed, TemplateParam } from '../model/templates';
import type { TemplateEntry } from '../model/templates';
import { mcpImportInput, type McpImportResult } from './mcp-import-io';
import type { UsageSummary } from '../model/usage';
import type { Rating } from '../model/feedback';
import { templateCheckInput, type TemplateCheck } from './template-needs-io';
import { pipelineTestStepInput, type TestStepResult } from './test-step-io';
export type { TestStepResult } from './test-step-io';
export type { NeedCheck, TemplateCheck } from './template-needs-io';
import { ratingExportInput, ratingListInput, ratingSetInput, type RatingExport, type RatingPage } from './ratings-io';
export type { BudgetState, UsageSummary, UsageTotals } from '../model/usage';
export type { ErrorCode, ErrorPayload } from '../lib/errors';
export type { CriterionResult, Rating, RunAssessment, SuccessCriterion } from '../model/feedback';
export type { SettingsPatch, SettingsValues } from '../settings/schema';
export type { SecretInfo, SecretSource } from '../settings/secret-names';
export type { WorkDirCheck } from '../projects/work-dir';
export type { ToolCatalogEntry } from '../tools/registry';
export type { ProviderTestResult } from '../llm/provider-test';
export type { McpServerState, McpServerStatus, McpToolInfo } from '../mcp/types';
export type { WakeStatus } from './wake-io';
import type { McpServerStatus } from '../mcp/types';
import {
  taskExportInput,
  taskImportInput,
  taskTriggerInput,
  taskWebhookInput,
  webhookReceiveInput,
  type TaskExport,
  type TaskImportResult,
  type WebhookInfo,
} from './task-io';
export * from './task-io';
import {
  taskContextInput,
  taskContextResetInput,
  taskProgressListInput,
  type ContextVersionView,
  type TaskContextView,
  type TaskProgressLog,
} from './task-memory-io';
export * from './task-memory-io';
import {
  isoInstant,
  runNowInput,
  scheduleInput,
  snoozeInput,
  taskCreateInput,
  taskListInput,
  taskUpdateInput,
} from './task-inputs';
export * from './task-inputs';
import {
  occurrencesSummaryInput,
  taskOccurrencesInput,
  type OccurrencesOverview,
  type TaskOccurrences,
} from './occurrences-io';
export * from './occurrences-io';

const id = z.string().min(1, 'is required').max(100);

const projectConfig = z.object({ skipGitPush: z.boolean().optional(), skipPrCreation: z.boolean().optional() });
const projectFields = {
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  repoUrl: z.string().trim().max(2000).nullish(),
  workDir: z.string().trim().max(4096).nullish(),
  config: projectConfig.optional(),
};
export const projectCreateInput = z.object(projectFields);
export const projectUpdateInput = z.object({ id, ...projectFields, name: projectFields.name.optional() });
export const workDirCheckInput = z.object({
  path: z.string().trim().min(1, 'is required').max(4096, 'must be at most 4096 characters'),
});

export const eventListInput = z.object({
  taskId: id.optional(),
  /** Only events of these types (task.created, run.failed, ...). */
  types: z.array(z.string().min(1).max(100)).max(50).optional(),
  unreadOnly: z.boolean().default(false),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Event ids as numbers, or as the digit strings a URL or a command line gives. */
const eventId = z.union(
  [
    z.number().int().positive(),
    z
      .string()
      .regex(/^[1-9]\d*$/)
      .transform(Number),
  ],
  {
    error: 'must be an event id (a positive whole number)',
  },
);
export const eventMarkReadInput = z
  .object({ ids: z.array(eventId).min(1).max(1000).optional(), all: z.literal(true).optional() })
  .superRefine((m, ctx) => {
    if ((m.ids === undefined) === (m.all === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'give either ids or all: true' });
    }
  });

export const schedulePreviewInput = z.object({
  schedule: scheduleInput,
  from: isoInstant.optional(),
  count: z.number().int().min(1).max(100).default(10),
});

export const runListInput = z.object({
  taskId: id.optional(),
  status: z.array(z.enum(runStatuses)).optional(),
  trigger: z.array(z.enum(runTriggers)).optional(),
  /** Runs queued at or after this instant. */
  from: isoInstant.optional(),
  /** Runs queued before this instant. */
  to: isoInstant.optional(),
  /** The previous page's nextCursor; replaces offset. */
  cursor: z
    .string()
    .max(200)
    .regex(/^\d+:.+$/, 'is not a cursor that runs.list gave')
    .optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const runLogsInput = z.object({
  id,
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(1000),
});

const pipelineSource = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'must be pipeline text (JSON or YAML) or an object',
});
export const pipelineValidateInput = z.object({ pipeline: pipelineSource });
export const pipelineDryRunInput = z.object({
  pipeline: pipelineSource,
  params: z.record(z.string(), z.unknown()).optional(),
  task: z
    .object({
      id: z.string().max(100).optional(),
      title: z.string().max(200).optional(),
      type: z.string().max(50).optional(),
    })
    .optional(),
  /** Sample outputs of steps, by save_as or id. */
  outputs: z.record(z.string(), z.unknown()).optional(),
});

export const usageSummaryInput = z.object({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  taskId: id.optional(),
  runId: id.optional(),
});

const byId = z.object({ id });

export const approvalDecideInput = z
  .object({
    id,
    /** A budget halt also takes continue_over_budget (once, for this run) or raise_budget (with budgetUsd). */
    decision: z.enum(['approve', 'reject', ...budgetDecisions]),
    /** Approve only: the edited output (or input) the run goes on with. */
    input: z.unknown().optional(),
    /** raise_budget only: the budget's new limit in US dollars. */
    budgetUsd: z.number().positive('must be more than zero').finite().optional(),
    note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'approve' && d.input !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['input'], message: 'is only given with approve' });
    }
    if (d.decision === 'raise_budget' && d.budgetUsd === undefined) {
      ctx.addIssue({ code: 'custom', path: ['budgetUsd'], message: 'is required with raise_budget: the new limit' });
    }
    if (d.decision !== 'raise_budget' && d.budgetUsd !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['budgetUsd'], message: 'is only given with raise_budget' });
    }
  });

/** Checked field by field by the settings store, which names each bad field in its answer. */
export const settingsUpdateInput = z.custom<SettingsPatch>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'must be an object of settings fields' },
);
const secretName = z.string().regex(secretNamePattern, 'must be letters, digits, _, - or . (at most 100 characters)');
export const secretSetInput = z.object({
  name: secretName,
  value: z.string().min(1, 'is required').max(16_384, 'must be at most 16384 characters'),
});
export const secretDeleteInput = z.object({ name: secretName });
export const providerTestInput = z.object({
  provider: z.enum(providerIds, { error: `must be one of ${providerIds.join(', ')}` }),
});

export const templateInstallInput = z.object({
  id,
  /** Values for the template's params; they become the installed pipeline's param defaults. */
  params: z.record(z.string(), z.unknown()).optional(),
  projectId: id.nullish(),
});
const empty = z.object({}).default({});

/** `connect: false` reports the servers as they are, without starting any. */
export const mcpServersInput = z.object({ connect: z.boolean().default(true) }).prefault({});
export const mcpTestInput = z.object({ name: z.string().min(1, 'is required').max(40) });

/** Declares a call: its input schema now, its output type as the type argument. */
function call<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const calls = {
  'app.info': call<AppInfo>()(empty),
  'tasks.create': call<Task>()(taskCreateInput),
  'tasks.get': call<Task>()(byId),
  'tasks.list': call<TaskPage>()(taskListInput),
  'tasks.update': call<Task>()(taskUpdateInput),
  'tasks.delete': call<{ id: string }>()(byId),
  'tasks.pause': call<Task>()(byId),
  'tasks.resume': call<Task>()(byId),
  'tasks.runNow': call<Run>()(runNowInput),
  'tasks.snooze': call<Task>()(snoozeInput),
  'tasks.trigger': call<Run>()(taskTriggerInput),
  'tasks.webhook': call<WebhookInfo>()(taskWebhookInput),
  'webhooks.receive': call<Run>()(webhookReceiveInput),
  'tasks.export': call<TaskExport>()(taskExportInput),
  'tasks.import': call<TaskImportResult>()(taskImportInput),
  'tasks.graph': call<TaskGraph>()(empty),
  'tasks.progress': call<TaskProgressLog>()(taskProgressListInput),
  'tasks.context': call<TaskContextView>()(taskContextInput),
  'tasks.resetContext': call<ContextVersionView>()(taskContextResetInput),
  'tasks.occurrences': call<TaskOccurrences>()(taskOccurrencesInput),
  'occurrences.summary': call<OccurrencesOverview>()(occurrencesSummaryInput),
  'schedules.validate': call<{
    valid: boolean;
    description: string | null;
    issues: { path: string; message: string }[];
  }>()(z.object({ schedule: scheduleInput })),
  'schedules.preview': call<SchedulePreview>()(schedulePreviewInput),
  'pipelines.validate': call<ValidationResult>()(pipelineValidateInput),
  'pipelines.dryRun': call<DryRunResult>()(pipelineDryRunInput),
  'pipelines.testStep': call<TestStepResult>()(pipelineTestStepInput),
  'tools.list': call<ToolCatalogEntry[]>()(empty),
  'runs.list': call<RunPage>()(runListInput),
  'runs.get': call<RunView>()(byId),
  'runs.logs': call<RunLogLine[]>()(runLogsInput),
  'runs.cancel': call<Run>()(byId),
  'runs.retry': call<Run>()(byId),
  'runs.rollback': call<RollbackResult>()(z.object({ runId: id })),
  'approvals.list': call<Approval[]>()(z.object({ status: z.enum(approvalStatuses).optional() }).default({})),
  'approvals.get': call<Approval>()(byId),
  'approvals.decide': call<Approval>()(approvalDecideInput),
  'queue.status': call<QueueStatus>()(empty),
  'scheduler.status': call<SchedulerStatus>()(empty),
  'scheduler.pause': call<SchedulerStatus>()(empty),
  'scheduler.resume': call<SchedulerStatus>()(empty),
  'projects.create': call<Project>()(projectCreateInput),
  'projects.list': call<Project[]>()(empty),
  'projects.update': call<Project>()(projectUpdateInput),
  'projects.delete': call<{ id: string }>()(byId),
  'projects.checkWorkDir': call<WorkDirCheck>()(workDirCheckInput),
  'settings.get': call<SettingsValues>()(empty),
  'settings.update': call<SettingsValues>()(settingsUpdateInput),
  'settings.testProvider': call<ProviderTestResult>()(providerTestInput),
  'secrets.list': call<SecretInfo[]>()(empty),
  'secrets.set': call<SecretInfo>()(secretSetInput),
  'secrets.delete': call<SecretInfo>()(secretDeleteInput),
  'events.list': call<{ items: TimelineEvent[]; nextBeforeId: number | null; unread: number }>()(eventListInput),
  'events.markRead': call<{ marked: number; unread: number }>()(eventMarkReadInput),
  'usage.summary': call<UsageSummary>()(usageSummaryInput),
  'templates.list': call<TemplateEntry[]>()(empty),
  'templates.install': call<Task>()(templateInstallInput),
  'templates.check': call<TemplateCheck>()(templateCheckInput),
  'mcp.servers': call<McpServerStatus[]>()(mcpServersInput),
  'mcp.test': call<McpServerStatus>()(mcpTestInput),
  'ratings.set': call<Rating>()(ratingSetInput),
  'ratings.list': call<RatingPage>()(ratingListInput),
  'ratings.export': call<RatingExport>()(ratingExportInput),
  'mcp.importConfig': call<McpImportResult>()(mcpImportInput),
  'system.wake': call<WakeStatus>()(systemWakeInput),
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K]['output'];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}
export const callNames = Object.keys(calls) as CallName[];
