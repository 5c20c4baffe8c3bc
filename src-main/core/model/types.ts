// The shapes the API returns. Times are UTC ISO-8601 strings; the UI converts them for display.
import type { Rating, RunAssessment, SuccessCriterion } from './feedback';
import type { Phase, Pipeline } from './pipeline';

export { phases, stepRoles, type Phase, type Pipeline, type PipelineStep } from './pipeline';
export * from './approvals';
export const taskStatuses = ['pending', 'scheduled', 'running', 'blocked', 'halted', 'complete', 'failed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const scheduleKinds = ['cron', 'rrule', 'once', 'interval', 'manual'] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

export const misfirePolicies = ['skip', 'run_once', 'run_all'] as const;
export type MisfirePolicy = (typeof misfirePolicies)[number];

export interface Schedule {
  kind: ScheduleKind;
  expr: string | null;
  timezone: string | null;
}

export const overlapPolicies = ['skip', 'queue'] as const;
export type OverlapPolicy = (typeof overlapPolicies)[number];

export interface RetryPolicySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: number;
  /** After a crash: 'resume' from the last completed step, or 'retry' as a new attempt. */
  recovery: 'resume' | 'retry';
}

/** When a task's runs may start; each field left out is no condition. */
export interface RunConditions {
  /** Start only while the machine runs on mains power. */
  acPower?: boolean;
  /** Start only after the user has been idle (no keyboard or mouse) for this many minutes. */
  idleMinutes?: number;
  /** On battery, start only while the charge is at least this many percent. */
  minBatteryPercent?: number;
}

export interface Task {
  id: string;
  projectId: string | null;
  title: string;
  description: string;
  taskType: string;
  priority: Priority;
  status: TaskStatus;
  currentPhase: Phase | null;
  pipeline: Pipeline;
  schedule: Schedule;
  misfirePolicy: MisfirePolicy;
  /** How late a missed occurrence may be and still be caught up; null means the 24 h default. */
  misfireGraceMs: number | null;
  paused: boolean;
  /** Why the task waits paused, when it was created so (a template's unmet needs); null otherwise. */
  pausedReason: string | null;
  nextRunAt: string | null;
  lastFiredAt: string | null;
  timeoutMs: number | null;
  concurrencyKey: string | null;
  /** Runs of this task allowed at once (1 unless the task says otherwise). */
  maxConcurrentRuns: number;
  /** What a new run does while one is still running: skip it (logged) or queue behind it. */
  overlapPolicy: OverlapPolicy;
  retryPolicy: RetryPolicySettings;
  /** Tasks whose fresh success each run of this one waits for. */
  dependsOn: string[];
  /** Which of this task's notifications are shown, over the settings' defaults. */
  notificationPolicy: NotificationPolicySettings;
  budgetUsd: number | null;
  successCriteria: SuccessCriterion[];
  /** Short labels to filter and search by, as the user wrote them (case kept, duplicates dropped). */
  tags: string[];
  deadline: string | null;
  estimatedHours: number | null;
  /** Derived from the task's runs: the hours its finished runs took, summed; null before any finished. */
  actualHours: number | null;
  /** Param values stored on the task: its scheduled runs get them, a run now starts from them. */
  params: Record<string, unknown>;
  /** When the task's runs may start: on AC power, after the user has been idle, above a battery charge. */
  conditions: RunConditions;
  /** Wake the computer from sleep a minute before each scheduled run, where the host is allowed to. */
  wakeToRun: boolean;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectConfig {
  skipGitPush: boolean;
  skipPrCreation: boolean;
}

export interface Project {
  id: string;
  name: string;
  repoUrl: string | null;
  workDir: string | null;
  config: ProjectConfig;
  taskCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEvent {
  id: number;
  type: string;
  taskId: string | null;
  runId: string | null;
  summary: string;
  payload: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * A run as lists show it (a runs-list row, a CLI row): its error's text shortened, without its
 * scheduled instant or token counts. runs.get gives the whole run.
 */
export type RunSummary = Pick<
  Run,
  'id' | 'taskId' | 'trigger' | 'status' | 'attempt' | 'queuedAt' | 'startedAt' | 'finishedAt' | 'costUsd' | 'error'
>;

/** A page of runs; nextCursor asks for the page after it (null on the last page). */
export interface RunPage extends Page<RunSummary> {
  nextCursor: string | null;
}

export interface AppInfo {
  version: string;
  host: string;
  dataDir: string;
  displayTimezone: string;
}

export const runStatuses = [
  'queued',
  'running',
  'awaiting_approval',
  'halted',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  /** Not run: the overlap policy skipped it while the task's previous run was still running. */
  'skipped',
] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runTriggers = ['schedule', 'catch_up', 'manual', 'retry', 'dependency', 'agent', 'webhook'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** Seed 000's error format: why a run stopped, the error, and the signals that led there. */
export interface RunError {
  reason: string;
  error: string;
  signals: string[];
}

export interface Run {
  id: string;
  taskId: string;
  trigger: RunTrigger;
  scheduledFor: string;
  status: RunStatus;
  attempt: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: RunError | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ScheduleOccurrence {
  at: string;
  local: string;
  /** Set when the zone's UTC offset differs from the previous occurrence's. */
  dstChange?: 'starts' | 'ends';
}

export interface SchedulePreview {
  description: string;
  occurrences: ScheduleOccurrence[];
}

export interface SchedulerStatus {
  paused: boolean;
  pausedAt: string | null;
  heartbeatAt: string | null;
  nextRunAt: string | null;
  nextTaskId: string | null;
  nextTaskTitle: string | null;
}

export interface RunLogLine {
  id: number;
  runId: string;
  stepId: string | null;
  stream: 'stdout' | 'stderr' | 'system';
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  loggedAt: string;
}

export interface QueueStatus {
  running: Run[];
  /** Due now; waits only for a free slot under the concurrency limits. */
  queued: Run[];
  /**
   * Held back by the dependency gate or the task's run conditions ("Waiting for AC power");
   * `blocked` when a dependency failed (the user must act).
   */
  waitingOnDependency: Array<{ run: Run; reason: string; blocked: boolean }>;
  /** A retry whose next attempt is in the future. */
  waitingForRetry: Array<{ run: Run; nextAttemptAt: string }>;
}

export interface RunStep {
  stepId: string;
  stepIndex: number;
  /** 'skipped': the step's `if` was false, so it did not run. */
  status: 'created' | 'complete' | 'failed' | 'rolled_back' | 'skipped';
  attempt: number;
  inputsHash: string | null;
  outputsHash: string | null;
  /** The step's input as recorded (secrets masked); null for a skipped step. */
  input: unknown;
  output: unknown;
  error: unknown;
  /** Its `if` was false, so it did not run. */
  skipped: boolean;
  createdAt: string;
  completedAt: string | null;
}

export interface RunDetails {
  run: Run;
  /** The param values the run was given (the task's stored ones, overridden by a run now's), secrets masked. */
  params: Record<string, unknown>;
  /** Every checkpoint, oldest first: a retried step shows each attempt. */
  steps: RunStep[];
  logs: RunLogLine[];
  /** Every attempt of the same run (the retry_of chain), oldest first, this one included. */
  attempts: Run[];
}

/** What the model calls of one step used. */
export interface StepUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** runs.get: a run's details with the model usage of each step, by step id. */
export interface RunView extends RunDetails {
  usageByStep: Record<string, StepUsage>;
  /** Each success criterion's result and the completion summary, once the run has ended (null before, or with neither). */
  assessment: RunAssessment | null;
  /** A person's rating of this run, if it has one. */
  rating: Rating | null;
}

/** One step undone by runs.rollback. */
export interface RollbackStep {
  stepId: string;
  tool: string;
  status: 'rolled_back';
}

export interface RollbackResult {
  runId: string;
  steps: RollbackStep[];
}

/** A task's own notification choices; a field left out follows the settings. */
export interface NotificationPolicySettings {
  onSuccess?: boolean;
  onFailure?: boolean;
  onHalt?: boolean;
  onApproval?: boolean;
  onBudgetWarning?: boolean;
}

/** The keys a task's notification policy may set, as the API and the store both write them. */
export const notificationPolicyKeys = [
  'onSuccess',
  'onFailure',
  'onHalt',
  'onApproval',
  'onBudgetWarning',
] as const satisfies readonly (keyof NotificationPolicySettings)[];

/** Which host built the runtime: named in messages when a second process meets the first. */
export type HostKind = 'desktop' | 'headless' | 'test';

/** The board's columns, in order; a task's column is derived from its runs (queue/task-column.ts). */
export const taskColumns = ['scheduled', 'waiting', 'running', 'attention', 'failed', 'done'] as const;
export type TaskColumn = (typeof taskColumns)[number];

/**
 * A task as lists show it (a board card, a CLI row, a palette entry): where its runs put it, its
 * schedule in words, its latest run. tasks.get gives the whole task.
 */
export interface BoardTask extends Pick<
  Task,
  | 'id'
  | 'title'
  | 'taskType'
  | 'priority'
  | 'status'
  | 'paused'
  | 'pausedReason'
  | 'schedule'
  | 'nextRunAt'
  | 'lastFiredAt'
  | 'dependsOn'
  | 'updatedAt'
  | 'tags'
  | 'deadline'
  | 'estimatedHours'
  | 'actualHours'
> {
  /** The tools its pipeline's steps use, each once ("llm.text", "git", ...). */
  tools: string[];
  column: TaskColumn;
  /** Why a task in the waiting column waits ("Waiting for Nightly build to succeed"); else null. */
  waitingReason: string | null;
  /** The schedule in plain English, in its zone: "At 08:30 on weekdays, Mountain Time". */
  scheduleText: string;
  lastRun: { id: string; status: RunStatus; costUsd: number; finishedAt: string | null } | null;
  /** Whether the task is at risk of missing its deadline, or past it, with no successful run. */
  deadlineState: 'at_risk' | 'overdue' | null;
}

/** tasks.list: a page of tasks, and how many of the view's tasks stand in each column. */
export interface TaskPage extends Page<BoardTask> {
  columns: Record<TaskColumn, number>;
}

/** tasks.graph: the tasks that depend on others or are depended on, and the edges between them. */
export interface TaskGraph {
  nodes: Array<{ id: string; title: string; column: TaskColumn; waitingReason: string | null }>;
  /** `from` is the dependency, `to` the task that waits for it; `holding` when it holds a waiting run. */
  edges: Array<{ from: string; to: string; holding: boolean }>;
}
