// The step runner: executes a run's pipeline steps in order through the tool interface, with a
// checkpoint before and after each step, step retries, step and run timeouts, and cancellation.
//
// Abort reasons (AbortSignal.reason) say why a run stops: 'cancelled' (the user), 'shutdown' (the
// app quits: the run is re-queued and resumes), 'run_timeout' (tasks.timeout_ms, counted from this
// execution's start, so a resumed run gets its full time again), 'step_timeout' (step.timeout).
// A step timeout is a retryable failure of the step; when no step retry is left the run ends
// 'timed_out', as it does on the run timeout. A resumed run replays completed steps from their
// recorded outputs (same step, same input hash) instead of executing them again.
import type { RunError } from '../api/types';
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { DEFAULT_RETRY_POLICY, classifyError, retryDecision } from '../queue/retry';
import { statement } from '../db/statements';
import type { RunOutcome } from '../queue/transitions';
import type { Store } from '../store';
import { runTool } from '../tools/registry';
import {
  ToolError,
  type FailureKind,
  type Tool,
  type ToolProjectInfo,
  type ToolTaskInfo,
  type UsageMeter,
} from '../tools/tool';
import { parseJson } from '../db/repos/json';
import { createStepServices, type RunServiceDeps } from './services';
import { beginStep, completeStep, failStep, replayableStep } from './checkpoints';
import { hashJson } from './hash';
import { createRunLog, type RunLog } from './run-log';

export interface PipelineStep {
  id: string;
  uses: string;
  with?: Record<string, unknown>;
  save_as?: string;
  if?: string;
  role?: 'drafter' | 'verifier' | 'executor';
  phase?: string;
  timeout?: number;
  retry?: { max_attempts?: number };
  continue_on_error?: boolean;
}

export interface RunContext {
  params: Record<string, unknown>;
  /** Outputs of the steps run so far, by save_as or id. */
  steps: Record<string, unknown>;
}

export type AbortReason = 'cancelled' | 'shutdown' | 'run_timeout' | 'step_timeout';

export interface ExecutorDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  findTool: (name: string) => Tool | undefined;
  random: () => number;
  services: RunServiceDeps;
  /** The usage meter of one run: api_usage rows, the run's cost, budgets. */
  usageMeter: (run: RunRow, task: ToolTaskInfo, projectId: string | null) => UsageMeter;
}

/** The task as a run sees it: what the executor needs and what tools are told. */
interface RunTask extends ToolTaskInfo {
  pipeline: string;
  timeoutMs: number | null;
  projectId: string | null;
  project: ToolProjectInfo | null;
}

function loadRunTask(store: Store, taskId: string): RunTask | undefined {
  const row = statement(
    store.db,
    `SELECT t.id, t.title, t.task_type AS taskType, t.success_criteria AS successCriteria, t.budget_usd AS budgetUsd,
            t.pipeline, t.timeout_ms AS timeoutMs, t.project_id AS projectId,
            p.name AS projectName, p.work_dir AS workDir, p.repo_url AS repoUrl, p.config AS projectConfig
       FROM tasks t LEFT JOIN projects p ON p.id = t.project_id WHERE t.id = ?`,
  ).get(taskId) as
    | (Omit<RunTask, 'successCriteria' | 'project'> & {
        successCriteria: string;
        projectName: string | null;
        workDir: string | null;
        repoUrl: string | null;
        projectConfig: string | null;
      })
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    taskType: row.taskType,
    successCriteria: parseJson<string[]>(row.successCriteria) ?? [],
    budgetUsd: row.budgetUsd,
    pipeline: row.pipeline,
    timeoutMs: row.timeoutMs,
    projectId: row.projectId,
    project:
      row.projectId && row.projectName
        ? {
            id: row.projectId,
            name: row.projectName,
            workDir: row.workDir,
            repoUrl: row.repoUrl,
            config: parseJson<Record<string, unknown>>(row.projectConfig ?? '{}') ?? {},
          }
        : null,
  };
}

/**
 * The input a step gets. The seam for the next issue: templates in `with` (`${steps.x.y}`) and the
 * `if` condition are resolved here; for now `with` is passed as it is.
 */
export function resolveStepInput(step: PipelineStep, _context: RunContext): unknown {
  return step.with ?? {};
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reasonOf(signal: AbortSignal): AbortReason | undefined {
  return signal.aborted ? (signal.reason as AbortReason) : undefined;
}

/** Sleeps on the clock; an abort ends the sleep early (the caller checks the signal). */
function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      cancel();
      resolve();
    };
    const cancel = clock.setTimer(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A child controller that follows its parent's abort, keeping the parent's reason. */
function childController(parent: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return { controller, release: () => parent.removeEventListener('abort', forward) };
}

function abortedOutcome(reason: AbortReason, stepId: string | null, cause: string): RunOutcome {
  const signals = [`abort=${reason}`, ...(stepId ? [`step=${stepId}`] : [])];
  if (reason === 'shutdown') return { status: 'interrupted' };
  if (reason === 'run_timeout' || reason === 'step_timeout') {
    return { status: 'timed_out', error: { reason: reason, error: cause, signals } };
  }
  return { status: 'cancelled', error: { reason: 'cancelled', error: 'Cancelled by the user', signals } };
}

/** Executes a leased run to its outcome; the caller (the worker) writes the outcome. */
export async function executeRun(deps: ExecutorDeps, run: RunRow, workerSignal: AbortSignal): Promise<RunOutcome> {
  const { store, clock } = deps;
  const task = loadRunTask(store, run.taskId);
  if (!task) return failed('permanent', { reason: 'task_missing', error: 'The task was deleted', signals: [] });
  let steps: PipelineStep[];
  try {
    steps = parsePipeline(task.pipeline);
  } catch (error) {
    return failed('permanent', { reason: 'invalid_pipeline', error: message(error), signals: [] });
  }
  const { controller: runControl, release } = childController(workerSignal);
  const cancelRunTimer = task.timeoutMs
    ? clock.setTimer(() => runControl.abort('run_timeout' satisfies AbortReason), task.timeoutMs)
    : undefined;
  const log = createRunLog(store, clock, run.id);
  try {
    return await runSteps(deps, run, task, steps, runControl.signal, log);
  } finally {
    cancelRunTimer?.();
    release();
    log.flush();
  }
}

function failed(kind: FailureKind, error: RunError): RunOutcome {
  return { status: 'failed', kind, error };
}

async function runSteps(
  deps: ExecutorDeps,
  run: RunRow,
  task: RunTask,
  steps: readonly PipelineStep[],
  signal: AbortSignal,
  log: RunLog,
): Promise<RunOutcome> {
  const { store } = deps;
  const context: RunContext = { params: run.params, steps: {} };
  // A fresh run has no checkpoints; a resumed one (interrupted, recovered) has its earlier steps'.
  const recorded = store.checkpoints.listForRun(run.id);
  const pending: PendingWrite = {};
  try {
    return await stepThrough(deps, run, task, steps, signal, log, context, recorded, pending);
  } finally {
    // The last step's completion joins this turn's group commit.
    const write = takePending(pending);
    if (write) await store.writeSoon(write);
  }
}

/**
 * A step's completion, written in the same transaction as the next step's 'created' checkpoint (one
 * commit instead of two; nothing runs between them), or on its own when the run stops there.
 */
interface PendingWrite {
  write?: () => void;
}

function takePending(pending: PendingWrite): (() => void) | undefined {
  const { write } = pending;
  pending.write = undefined;
  return write;
}

async function stepThrough(
  deps: ExecutorDeps,
  run: RunRow,
  task: RunTask,
  steps: readonly PipelineStep[],
  signal: AbortSignal,
  log: RunLog,
  context: RunContext,
  recorded: ReturnType<Store['checkpoints']['listForRun']>,
  pending: PendingWrite,
): Promise<RunOutcome> {
  for (const [index, step] of steps.entries()) {
    const stopped = reasonOf(signal);
    if (stopped) return abortedOutcome(stopped, step.id, `The run stopped before step ${step.id}`);
    const input = resolveStepInput(step, context);
    const inputsHash = hashJson(input);
    const replay = replayableStep(recorded, index, step.id, inputsHash);
    if (replay) {
      log.line(step.id, { stream: 'system', message: `Step ${step.id}: replayed from its checkpoint` });
      context.steps[step.save_as ?? step.id] = replay.output;
      continue;
    }
    const tool = deps.findTool(step.uses);
    if (!tool) {
      return failed('permanent', {
        reason: 'unknown_tool',
        error: `steps.${step.id}.uses: there is no tool named "${step.uses}"`,
        signals: [`step=${step.id}`],
      });
    }
    const result = await runStep(deps, run, task, index, step, tool, input, inputsHash, signal, log, pending);
    if ('outcome' in result) return result.outcome;
    context.steps[step.save_as ?? step.id] = result.output;
  }
  return { status: 'succeeded' };
}

async function runStep(
  deps: ExecutorDeps,
  run: RunRow,
  task: RunTask,
  index: number,
  step: PipelineStep,
  tool: Tool,
  input: unknown,
  inputsHash: string,
  runSignal: AbortSignal,
  log: RunLog,
  pending: PendingWrite,
): Promise<{ output: unknown } | { outcome: RunOutcome }> {
  const { store, clock } = deps;
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: step.retry?.max_attempts ?? 1 };
  const at = { projectId: task.projectId, taskId: run.taskId, runId: run.id, stepIndex: index, stepId: step.id };
  const usage = deps.usageMeter(run, task, task.projectId);
  for (let attempt = 1; ; attempt++) {
    const checkpoint = await beginStep(store, at, input, inputsHash, attempt, clock.now(), takePending(pending));
    const { controller, release } = childController(runSignal);
    const cancelStepTimer = step.timeout
      ? clock.setTimer(() => controller.abort('step_timeout' satisfies AbortReason), step.timeout)
      : undefined;
    const { services } = createStepServices(deps.services, usage);
    try {
      const output = await runTool(tool, input, {
        signal: controller.signal,
        log: (line) => log.line(step.id, line),
        clock,
        runId: run.id,
        taskId: run.taskId,
        stepId: step.id,
        task,
        project: task.project,
        step: { ...(step.role ? { role: step.role } : {}), ...(step.phase ? { phase: step.phase } : {}) },
        services,
      });
      log.flush();
      const completedAt = clock.now();
      pending.write = () => completeStep(store, checkpoint, output, completedAt);
      return { output };
    } catch (error) {
      log.flush();
      const abort = reasonOf(controller.signal);
      const kind: FailureKind = abort === 'step_timeout' ? 'timeout' : abort ? 'cancelled' : classifyError(error);
      const cause =
        abort === 'step_timeout'
          ? `Step ${step.id} timed out after ${step.timeout} ms`
          : abort === 'run_timeout'
            ? `The run timed out during step ${step.id}`
            : message(error);
      const signals = [`step=${step.id}`, `attempt=${attempt}`, `kind=${kind}`, ...(abort ? [`abort=${abort}`] : [])];
      failStep(store, checkpoint, { reason: abort ?? kind, error: cause, signals }, clock.now());
      if (abort && abort !== 'step_timeout') return { outcome: abortedOutcome(abort, step.id, cause) };
      const decision = retryDecision({ kind }, attempt, policy, deps.random);
      if (decision.retry) {
        log.line(step.id, {
          stream: 'system',
          level: 'warn',
          message: `Step ${step.id} failed (${cause}); retrying in ${decision.delayMs} ms`,
        });
        await sleep(clock, decision.delayMs, runSignal);
        const stopped = reasonOf(runSignal);
        if (stopped) return { outcome: abortedOutcome(stopped, step.id, cause) };
        continue;
      }
      if (step.continue_on_error) {
        log.line(step.id, {
          stream: 'system',
          level: 'warn',
          message: `Step ${step.id} failed (${cause}); continuing`,
        });
        return { output: null };
      }
      const error_: RunError = { reason: `step ${step.id} failed`, error: cause, signals };
      if (kind === 'timeout') return { outcome: { status: 'timed_out', error: { ...error_, reason: 'step_timeout' } } };
      return { outcome: failed(kind, error_) };
    } finally {
      cancelStepTimer?.();
      release();
    }
  }
}
