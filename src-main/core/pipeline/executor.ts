// The step runner: executes a run's pipeline steps in order through the tool interface, with a
// checkpoint before and after each step, step retries, step and run timeouts, and cancellation.
//
// Abort reasons (AbortSignal.reason) say why a run stops: 'cancelled' (the user), 'shutdown' (the
// app quits: the run is re-queued and resumes), 'run_timeout' (tasks.timeout_ms, counted from this
// execution's start, so a resumed run gets its full time again), 'step_timeout' (step.timeout).
// A step timeout is a retryable failure of the step; when no step retry is left the run ends
// 'timed_out', as it does on the run timeout. A resumed run replays completed steps from their
// recorded outputs (same step, same input hash) instead of executing them again.
// A step whose output the uncertainty checks (roles.ts) do not trust, or that fails with kind 'halt'
// (an approval step, a budget, output still invalid after retries), stops the run for a person: it
// waits as awaiting_approval, and an approval completes the step's checkpoint so the resumed run
// replays it and goes on with the next step.
import type { RunError } from '../model/types';
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import { errorText } from '../lib/errors';
import { DEFAULT_RETRY_POLICY } from '../model/retry-policy';
import { classifyError, retryDecision } from '../queue/retry';
import type { FailureKind, RunOutcome } from '../model/outcome';
import type { Store } from '../store';
import { runTool } from '../tools/registry';
import { ToolError, type Tool } from '../tools/tool';
import type { RunServices } from './services';
import { abortedOutcome, childSignal, reasonOf, sleep } from './abort';
import { loadRunTask, type RunTask } from './run-task';
import { beginStep, completeStep, failStep, haltStep, replayableStep } from './checkpoints';
import {
  agentIdsFor,
  assessHalt,
  assessOutput,
  historyBefore,
  minConfidenceOf,
  minConfidenceProblem,
  phaseOf,
  toolInput,
  type RoleHistory,
  type UncertaintySignal,
} from './roles';
import { haltRequest, parseExpiresIn, type HaltedStep } from './approval-request';
import { hashJson } from './hash';
import { createRunLog, type RunLog } from './run-log';
import { evaluateCondition, recordSkippedStep, wasSkipped } from './condition';
import { parsePipeline, resolveStepInput, scopeOf, startContext, type RunContext } from './run-context';
import type { PipelineStep } from '../model/pipeline';
import { assessRun } from './criteria';
import { deferredWork, finishAfterSuccess, type DeferredWork } from './after-success';

/** What the worker hands the executor for one leased run. */
export interface RunStart {
  run: RunRow;
  store: Store;
  clock: Clock;
  services: RunServices;
  /** The worker's signal for this run: cancellation and shutdown. */
  signal: AbortSignal;
  random: () => number;
  /**
   * Takes the last step's completion so the caller commits it together with the outcome (one
   * commit instead of two); without it, it is committed before executeRun resolves.
   */
  finalWrite?: (write: () => void) => void;
}

/** One run as it executes: what every step of it reads and writes. */
interface RunExecution {
  readonly run: RunRow;
  readonly task: RunTask;
  readonly services: RunServices;
  /** The run's own signal: the worker's, with the run's time limit when the task has one. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly store: Store;
  readonly random: () => number;
  readonly log: RunLog;
  readonly context: RunContext;
  /** A fresh run has no checkpoints; a resumed one (interrupted, recovered) has its earlier steps'. */
  readonly recorded: ReturnType<Store['checkpoints']['listForRun']>;
  /**
   * A step's completion, written in the same transaction as the next step's 'created' checkpoint
   * (one commit instead of two; nothing runs between them), or on its own when the run stops there.
   */
  pending: (() => void) | undefined;
  /** What completed steps left until the run has succeeded, in run order. */
  readonly deferred: DeferredWork[];
}

/** How a step ended: its output for the next steps, or the run's outcome. */
type StepResult = { readonly output: unknown } | { readonly outcome: RunOutcome };

/** One step about to run, with its rendered input. */
interface StepAt {
  readonly index: number;
  readonly step: PipelineStep;
  readonly tool: Tool;
  readonly input: unknown;
  readonly inputsHash: string;
  readonly history: RoleHistory;
}

function takePending(x: RunExecution): (() => void) | undefined {
  const write = x.pending;
  x.pending = undefined;
  return write;
}

function stepPosition(x: RunExecution, index: number, step: PipelineStep) {
  return { projectId: x.task.projectId, taskId: x.run.taskId, runId: x.run.id, stepIndex: index, stepId: step.id };
}

/**
 * A step's `if`: 'run', or 'skip' once the skip is recorded (a resumed run finds the record and
 * skips the step again without evaluating), or the run's outcome when the expression fails.
 */
async function stepCondition(x: RunExecution, index: number, step: PipelineStep): Promise<'run' | 'skip' | RunOutcome> {
  if (step.if === undefined) return 'run';
  const skipped = `Step ${step.id} skipped: if ${step.if} was false`;
  if (wasSkipped(x.recorded, index, step.id)) {
    x.log.line(step.id, { stream: 'system', message: skipped });
    return 'skip';
  }
  let passed: boolean;
  try {
    passed = evaluateCondition(step.if, scopeOf(x.context));
  } catch (error) {
    return failedBeforeStep(step, error, x.log);
  }
  if (passed) return 'run';
  const at = stepPosition(x, index, step);
  await recordSkippedStep(x.store, { at, condition: step.if, now: x.clock.now(), before: takePending(x) });
  x.log.line(step.id, { stream: 'system', message: skipped });
  return 'skip';
}

/** A step that cannot start (its `if` or a template fails): permanent, since a retry renders the same. */
function failedBeforeStep(step: PipelineStep, error: unknown, log: RunLog): RunOutcome {
  const cause = errorText(error);
  log.line(step.id, { stream: 'system', level: 'error', message: cause });
  return failed('permanent', {
    reason: `step ${step.id} failed`,
    error: cause,
    signals: [`step=${step.id}`, 'kind=permanent'],
  });
}

/** Executes a leased run to its outcome; the caller (the worker) writes the outcome. */
export async function executeRun(start: RunStart): Promise<RunOutcome> {
  const { run, store, clock, services } = start;
  const task = loadRunTask(store, run.taskId);
  if (!task) return failed('permanent', { reason: 'task_missing', error: 'The task was deleted', signals: [] });
  let steps: PipelineStep[];
  try {
    steps = parsePipeline(task.pipeline);
  } catch (error) {
    return failed('permanent', { reason: 'invalid_pipeline', error: errorText(error), signals: [] });
  }
  // The worker's signal is this run's own: only a run time limit needs a signal of its own.
  const { signal, release } = task.timeoutMs
    ? childSignal(clock, start.signal, { ms: task.timeoutMs, reason: 'run_timeout' })
    : { signal: start.signal, release: () => undefined };
  const settings = services.settings.get();
  const log = createRunLog(store, clock, run.id, settings.runLog);
  const execution: RunExecution = {
    run,
    task,
    services,
    signal,
    clock,
    store,
    random: start.random,
    log,
    context: startContext(run, task, {
      now: clock.now(),
      timezone: settings.displayTimezone,
      shared: store.taskMemory.contextBeforeRun(task.id, run.id)?.document ?? {},
    }),
    recorded: store.checkpoints.listForRun(run.id),
    pending: undefined,
    deferred: [],
  };
  try {
    try {
      let outcome = await stepThrough(execution, steps);
      if (outcome.status === 'succeeded' && execution.deferred.length > 0) {
        outcome = await finishAfterSuccess(execution, execution.deferred);
      }
      withAssessment(execution, steps, outcome);
      return outcome;
    } finally {
      // The last step's completion goes with the outcome, or joins this turn's group commit.
      const write = takePending(execution);
      if (write && start.finalWrite) start.finalWrite(write);
      else if (write) await store.writeSoon(write);
    }
  } finally {
    release();
    log.flush();
  }
}

/** An ended run's criteria results and summary go in the same commit as its last step. */
function withAssessment(x: RunExecution, steps: readonly PipelineStep[], outcome: RunOutcome): void {
  const scope = scopeOf(x.context);
  const assessment = assessRun({ criteria: x.task.successCriteria, scope, steps }, outcome, x.clock.now());
  if (!assessment) return;
  const before = takePending(x);
  x.pending = () => {
    before?.();
    x.store.feedback.saveAssessment(x.run.id, assessment);
  };
}

function failed(kind: FailureKind, error: RunError): RunOutcome {
  return { status: 'failed', kind, error };
}

async function stepThrough(x: RunExecution, steps: readonly PipelineStep[]): Promise<RunOutcome> {
  for (const [index, step] of steps.entries()) {
    const stopped = reasonOf(x.signal);
    if (stopped) return abortedOutcome(stopped, step.id, `The run stopped before step ${step.id}`);
    const condition = await stepCondition(x, index, step);
    if (condition === 'skip') {
      x.context.steps[step.save_as ?? step.id] = null;
      continue;
    }
    if (condition !== 'run') return condition;
    let input: unknown;
    try {
      input = resolveStepInput(step, x.context);
    } catch (error) {
      return failedBeforeStep(step, error, x.log);
    }
    const inputsHash = hashJson(input);
    const replay = replayableStep(x.recorded, index, step.id, inputsHash);
    if (replay) {
      x.log.line(step.id, { stream: 'system', message: `Step ${step.id}: replayed from its checkpoint` });
      x.context.steps[step.save_as ?? step.id] = replay.output;
      const deferred = deferredWork(step, x.services.findTool(step.uses), replay.work);
      if (deferred) x.deferred.push(deferred);
      continue;
    }
    const tool = x.services.findTool(step.uses);
    if (!tool) {
      return failed('permanent', {
        reason: 'unknown_tool',
        error: `steps.${step.id}.uses: there is no tool named "${step.uses}"`,
        signals: [`step=${step.id}`],
      });
    }
    const history = historyBefore(steps.slice(0, index), x.context.steps);
    const result = await runStep(x, { index, step, tool, input, inputsHash, history });
    if ('outcome' in result) return result.outcome;
    x.context.steps[step.save_as ?? step.id] = result.output;
  }
  return { status: 'succeeded' };
}

/** What a step's control keys ask of the run (STEP_CONTROL_KEYS), or the first bad one. */
function stepControl(step: PipelineStep, input: unknown): { expiresInMs: number } | { problem: string } {
  const confidence = minConfidenceProblem(step.id, input);
  if (confidence) return { problem: confidence };
  const expiresIn = (input as { expires_in?: unknown } | null)?.expires_in;
  try {
    return { expiresInMs: parseExpiresIn(expiresIn, `steps.${step.id}.with.expires_in`) };
  } catch (error) {
    return { problem: errorText(error) };
  }
}

async function runStep(x: RunExecution, at: StepAt): Promise<StepResult> {
  const { store, clock, run, task, log } = x;
  const { index, step, tool, input, inputsHash, history } = at;
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: step.retry?.max_attempts ?? 1 };
  const position = stepPosition(x, index, step);
  const control = stepControl(step, input);
  if ('problem' in control) return { outcome: failedBeforeStep(step, new Error(control.problem), log) };
  const roles = { phase: phaseOf(step), role: step.role ?? null, ...agentIdsFor(step, history, undefined, input) };
  /** Stops the run for a person: the caller parks it as awaiting_approval with its approval row. */
  const halt = (signals: UncertaintySignal[], more: Pick<HaltedStep, 'output' | 'asked'>) => {
    const request = haltRequest({
      taskTitle: task.title,
      step,
      signals,
      ...more,
      expiresAt: clock.now() + control.expiresInMs,
    });
    log.line(step.id, { stream: 'system', level: 'warn', message: `Step ${step.id} halted: ${request.error.error}` });
    return { outcome: { status: 'awaiting_approval', ...request } satisfies RunOutcome };
  };
  const usage = x.services.usageMeter(run, task, task.projectId);
  for (let attempt = 1; ; attempt++) {
    const checkpoint = await beginStep(store, {
      at: position,
      input,
      inputsHash,
      attempt,
      now: clock.now(),
      before: takePending(x),
      roles,
    });
    // Each step its own signal, even without a time limit: tools hand it to fetch, which keeps its
    // abort listeners on a signal until the request is garbage collected.
    const { signal, release } = childSignal(
      clock,
      x.signal,
      step.timeout ? { ms: step.timeout, reason: 'step_timeout' } : undefined,
    );
    const { services, rollback } = x.services.stepServices(usage);
    try {
      const output = await runTool(tool, toolInput(input), {
        signal,
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
      const recorded = rollback();
      const extras = {
        ...agentIdsFor(step, history, output, input),
        ...(recorded !== undefined ? { rollbackData: { tool: step.uses, data: recorded } } : {}),
      };
      const signals = assessOutput(step, output, history, minConfidenceOf(input));
      if (signals.length > 0) {
        const stopped = halt(signals, { output: { value: output } });
        const failure = stopped.outcome.error;
        x.pending = () => haltStep(store, checkpoint, { output, failure, now: completedAt, extras });
        return stopped;
      }
      x.pending = () => completeStep(store, checkpoint, { output, now: completedAt, extras });
      const deferred = deferredWork(step, tool, extras.rollbackData);
      if (deferred) x.deferred.push(deferred);
      return { output };
    } catch (error) {
      log.flush();
      const abort = reasonOf(signal);
      const kind: FailureKind = abort === 'step_timeout' ? 'timeout' : abort ? 'cancelled' : classifyError(error);
      const cause =
        abort === 'step_timeout'
          ? `Step ${step.id} timed out after ${step.timeout} ms`
          : abort === 'run_timeout'
            ? `The run timed out during step ${step.id}`
            : errorText(error);
      const signals = [`step=${step.id}`, `attempt=${attempt}`, `kind=${kind}`, ...(abort ? [`abort=${abort}`] : [])];
      failStep(store, checkpoint, { reason: abort ?? kind, error: cause, signals }, clock.now());
      if (abort && abort !== 'step_timeout') return { outcome: abortedOutcome(abort, step.id, cause) };
      if (kind === 'halt') {
        const details = ToolError.isInstance(error) ? error.details : {};
        const asked = details.approvalRequest as { question: string; context: unknown } | undefined;
        return halt([assessHalt(step.id, cause, details)], asked ? { asked } : {});
      }
      const decision = retryDecision({ kind }, attempt, policy, x.random);
      if (decision.retry) {
        log.line(step.id, {
          stream: 'system',
          level: 'warn',
          message: `Step ${step.id} failed (${cause}); retrying in ${decision.delayMs} ms`,
        });
        await sleep(clock, decision.delayMs, x.signal);
        const stopped = reasonOf(x.signal);
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
      // The run log ends with why: the last line someone reading it sees names the failure.
      log.line(step.id, {
        stream: 'system',
        level: 'error',
        message: kind === 'timeout' ? cause : `Step ${step.id} failed: ${cause}`,
      });
      const error_: RunError = { reason: `step ${step.id} failed`, error: cause, signals };
      if (kind === 'timeout') return { outcome: { status: 'timed_out', error: { ...error_, reason: 'step_timeout' } } };
      return { outcome: failed(kind, error_) };
    } finally {
      release();
    }
  }
}
