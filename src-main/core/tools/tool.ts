// One interface for every step a pipeline can run: input and output schemas checked on both
// sides, and an execute() that gets an AbortSignal, a logger for the run log, and the clock.
import type { z } from 'zod';
import type { Clock } from '../lib/clock';
import type { SecretMasker } from '../lib/redact';
import type { Notification, SettingsValues } from '../ports';
import type { FailureKind } from '../model/outcome';
import type { StepWorktreeRecorder } from './worktree-types';
import type { SuccessCriterion } from '../model/feedback';

export type ToolLogStream = 'stdout' | 'stderr' | 'system';

export interface ToolLogLine {
  stream: ToolLogStream;
  level?: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export interface ToolContext {
  /** Aborted on cancellation and on the step's or run's timeout; tools stop promptly when it fires. */
  signal: AbortSignal;
  /** Appends a line to the run's log (streamed live to the board). */
  log: (line: ToolLogLine) => void;
  /** Sees a command's output as it arrives, a line not yet ended included (a prompt waiting on it). */
  onOutput?: (text: string) => void;
  clock: Clock;
  runId: string;
  taskId: string;
  stepId: string;
  /** The task the run belongs to. */
  task: ToolTaskInfo;
  /** The task's project (work directory, config such as skip_git_push), when it has one. */
  project: ToolProjectInfo | null;
  /** The step's role and phase (seed 000), when the pipeline gives them. */
  step: { role?: 'drafter' | 'verifier' | 'executor'; phase?: string };
  services: ToolServices;
}

export interface ToolTaskInfo {
  id: string;
  title: string;
  taskType: string;
  successCriteria: SuccessCriterion[];
  budgetUsd: number | null;
}

export interface ToolProjectInfo {
  id: string;
  name: string;
  workDir: string | null;
  repoUrl: string | null;
  config: Record<string, unknown>;
}

/** One LLM or coding-agent call's usage, as a tool reports it. */
export interface UsageEntry {
  provider: string;
  model: string;
  operation: string;
  inputTokens: number;
  outputTokens: number;
  /** When the caller reports its own cost (a coding-agent CLI); otherwise priced from the table. */
  costUsd?: number;
  latencyMs: number;
  success: boolean;
  error?: string;
  metadata?: Record<string, unknown>;
}

export interface UsageMeter {
  /** Throws ToolError('halt') when the call would cross a budget (task, day or month). */
  beforeCall(call: { provider: string; model: string }): void;
  /** Writes an api_usage row and adds the cost to the run; returns the cost in USD. */
  record(entry: UsageEntry): number;
}

/** What the runtime lends a tool beyond its input: everything reaches the outside through here. */
export interface ToolServices {
  settings(): SettingsValues;
  /** A secret from the SecretStore; its value is registered for masking before it is returned. */
  secret(name: string): Promise<string | undefined>;
  /** Masks known secrets in what a tool cuts short itself (an error snippet, a stderr tail). */
  masker: SecretMasker;
  notify(notification: Notification): Promise<void>;
  /** Creates a follow-up task (the task.create tool); input as the tasks.create call takes it. */
  createTask(input: unknown): Promise<{ id: string; title: string }>;
  usage: UsageMeter;
  /** Records how to undo what this step did; kept in the step's checkpoint (rollback_data). */
  recordRollback(data: unknown): void;
  /** Records the process groups the step waits on; absent where no run is recorded (tool tests). */
  processes?: StepProcessRecorder;
  /** Where coding agents' worktrees go, each written down before it is made; absent in tool tests. */
  worktrees?: StepWorktreeRecorder;
  /** What people approved beyond a coding-agent step's envelope in this run (agent-permissions.ts). */
  grantedPermissions?(runId: string, stepId: string): unknown[];
  /** The task's progress log and shared context; absent where no run is recorded (tool tests). */
  memory?: TaskMemoryService;
}

/** Where a progress entry or a context version comes from. */
export interface MemoryWriter {
  taskId: string;
  runId: string;
  stepId: string;
}

/** A task's memory between runs, as the task.progress and context.set tools write it. */
export interface TaskMemoryService {
  /** Appends to the task's progress log; the message is masked before it is stored. */
  progress(entry: MemoryWriter & { percent: number | null; message: string }): Promise<{ id: number }>;
  /**
   * Writes the next version of the task's context: `change` gets the latest document and returns
   * the new one. It runs inside the write's transaction, and may run twice, so it must be pure.
   * Returns the version as stored (secrets masked).
   */
  setContext(
    writer: MemoryWriter,
    change: (current: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<{ version: number; document: Record<string, unknown> }>;
}

/** A process group a step started: its leader's pid (the group id on POSIX) and its command. */
export interface StartedProcess {
  runId: string;
  stepId: string;
  pid: number;
  command: readonly string[];
}

export interface StepProcessRecorder {
  /**
   * Writes the group down before the step waits on it, so recovery after a crash can stop what is
   * left of it. Returns the function that forgets it once the group is gone.
   */
  started(process: StartedProcess): () => void;
}

export interface Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  execute(input: z.output<I>, context: ToolContext): Promise<z.output<O>>;
  /** Undoes a completed step from what it passed to services.recordRollback (file writes, git). */
  rollback?(data: unknown, context: ToolContext): Promise<void>;
  /**
   * What a completed step left to do once the whole run has succeeded (a coding agent's push and
   * pull request, after every later review and approval), from the same recorded data.
   */
  afterRunSucceeded?(data: unknown, context: ToolContext): Promise<void>;
}

/** Identity helper: exists so that a tool's execute() is typed from its schemas. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(tool: Tool<I, O>): Tool<I, O> {
  return tool;
}

const marker = Symbol.for('ridgeline.ToolError');

export class ToolError extends Error {
  readonly [marker] = true;
  override readonly name = 'ToolError';

  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is ToolError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
