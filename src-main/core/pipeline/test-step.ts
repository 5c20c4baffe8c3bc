// Test step: runs one step of a pipeline being edited, for real, with sample params (and sample
// outputs of the steps it reads), through the same tool registry, input and output checks, secret
// masking and usage metering as a run, under a timeout. No run is recorded. Steps that would stop
// to ask a person, or hand the work to a coding agent, are refused: they cannot be tried in a moment.
import { AppError, errorText } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { SecretMasker } from '../lib/redact';
import { dryRunPipeline } from './dry-run';
import type { RunServices } from './services';
import type { ToolLookup } from './spec-tool-schemas';
import { runTool } from '../tools/registry';
import { ToolError, type ToolLogLine, type ToolProjectInfo, type ToolTaskInfo } from '../tools/tool';

export interface TestStepInput {
  pipeline: unknown;
  stepId: string;
  params?: Record<string, unknown>;
  /** Sample outputs of earlier steps, by save_as or id, for the references the step reads. */
  outputs?: Record<string, unknown>;
  /** At most this long; the step's own timeout when shorter. */
  timeoutMs: number;
}

export interface TestStepResult {
  stepId: string;
  uses: string;
  /** The input the tool got, secrets masked. */
  input: unknown;
  ok: boolean;
  /** The tool's output, checked against its schema, secrets masked; null when it failed. */
  output: unknown;
  error: string | null;
  timedOut: boolean;
  durationMs: number;
  /** What the step wrote to its log, secrets masked. */
  logs: { stream: ToolLogLine['stream']; message: string }[];
}

export interface TestStepDeps {
  lookup: ToolLookup;
  services: RunServices;
  clock: Clock;
  timezone: string;
  task: ToolTaskInfo;
  /** The stored task's id when the pipeline belongs to one; its usage is counted against it. */
  storedTaskId: string | null;
  project: ToolProjectInfo | null;
}

/** Tools a test cannot run in a moment: the first waits for a person, the second for a coding agent. */
const refused: Record<string, string> = {
  'approval.request': 'it stops to ask a person; a real run asks in the approvals inbox',
  'agent.run': 'it hands the work to a coding agent, which can take many minutes and change files; try it in a run now',
};

function refuse(path: string, message: string): never {
  throw new AppError('validation_failed', `Invalid input for pipelines.testStep: ${path}: ${message}`, {
    call: 'pipelines.testStep',
    issues: [{ path, message }],
  });
}

function masked(value: unknown, masker: SecretMasker): unknown {
  if (typeof value === 'string') return masker.text(value);
  if (Array.isArray(value)) return value.map((v) => masked(v, masker));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, masker)]));
  }
  return value;
}

export async function testPipelineStep(input: TestStepInput, deps: TestStepDeps): Promise<TestStepResult> {
  const dry = dryRunPipeline(
    { pipeline: input.pipeline, params: input.params ?? {}, ...(input.outputs ? { outputs: input.outputs } : {}) },
    { lookup: deps.lookup, now: deps.clock.now(), timezone: deps.timezone },
  );
  if (!dry.pipeline) refuse('pipeline', dry.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const index = dry.pipeline.steps.findIndex((s) => s.id === input.stepId);
  if (index < 0) {
    refuse(
      'stepId',
      `there is no step "${input.stepId}" (there are ${dry.pipeline.steps.map((s) => s.id).join(', ')})`,
    );
  }
  const spec = dry.pipeline.steps[index]!;
  const step = dry.steps[index]!;
  const reason = refused[spec.uses];
  if (reason) refuse('stepId', `step "${spec.id}" uses ${spec.uses} and cannot be tested on its own: ${reason}`);
  const paramProblems = dry.issues.filter((i) => i.path.startsWith('params'));
  if (paramProblems.length > 0) refuse(paramProblems[0]!.path, paramProblems[0]!.message);
  if (step.error !== null) refuse(`steps[${index}]`, step.error);
  const unread = JSON.stringify(step.input).match(/<steps\.[A-Za-z0-9_-]+/g);
  if (unread) {
    const names = [...new Set(unread.map((u) => u.slice('<steps.'.length)))];
    refuse(
      'outputs',
      `step "${spec.id}" reads the output of ${names.map((n) => `step "${n}"`).join(', ')}: give a sample of it`,
    );
  }
  const tool = deps.services.findTool(spec.uses);
  if (!tool) refuse(`steps[${index}].uses`, `there is no tool "${spec.uses}"`);

  const usage = deps.services.usageMeter({ id: null, taskId: deps.storedTaskId }, deps.task, deps.project?.id ?? null);
  const { services } = deps.services.stepServices(usage);
  // No run row exists: nothing may be recorded against one (process groups, rollback data).
  const { processes: _processes, ...unrecorded } = services;
  const logs: TestStepResult['logs'] = [];
  const limitMs = Math.min(input.timeoutMs, spec.timeout ?? Infinity);
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = deps.clock.setTimer(() => {
    timedOut = true;
    controller.abort('step_timeout');
  }, limitMs);
  const startedAt = deps.clock.now();
  const result = (ok: boolean, output: unknown, error: string | null): TestStepResult => ({
    stepId: spec.id,
    uses: spec.uses,
    input: masked(step.input, services.masker),
    ok,
    output: masked(output, services.masker),
    error: error === null ? null : services.masker.text(error),
    timedOut,
    durationMs: deps.clock.now() - startedAt,
    logs: logs.map((l) => ({ stream: l.stream, message: services.masker.text(l.message) })),
  });
  const timeout = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () =>
      reject(new ToolError('retryable', `timed out after ${limitMs} ms`)),
    ),
  );
  try {
    const output = await Promise.race([
      runTool(tool, step.input, {
        signal: controller.signal,
        log: (line) => logs.push(line),
        clock: deps.clock,
        runId: 'test-step',
        taskId: deps.task.id,
        stepId: spec.id,
        task: deps.task,
        project: deps.project,
        step: { ...(spec.role ? { role: spec.role } : {}), ...(spec.phase ? { phase: spec.phase } : {}) },
        services: { ...unrecorded, recordRollback: () => undefined },
      }),
      timeout,
    ]);
    return result(true, output, null);
  } catch (error) {
    return result(false, null, errorText(error));
  } finally {
    cancelTimer();
  }
}
