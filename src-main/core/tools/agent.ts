// agent.run: runs a coding-agent CLI (Claude Code, Codex, Goose, Aider or a custom command) headless
// with a prompt in a work directory, through shell.exec (argv, scrubbed environment, process-group
// teardown, output streamed to the run log), and records the tokens and cost the CLI reports.
// It works in a worktree of the project on the task's branch (agent-workspace.ts), inside its
// permission envelope (agent-permissions.ts); asking for more halts the run for a person.
import { z } from 'zod';
import { agentCliPresets, agentClis, customArgv, plainText, type AgentReport } from './agent-clis';
import {
  agentPermissions,
  describeEnvelope,
  envelopeFlags,
  permissionIssues,
  widenedEnvelope,
  type AgentPermissions,
  type EnvelopeFlags,
  type PermissionRequest,
} from './agent-permissions';
import { createPermissionWatch } from './agent-watch';
import { openWorkspace, undoAgentCommit, worktreeOutput } from './agent-workspace';
import { publishAgentBranch } from './agent-publish';
import { shellExec } from './shell';
import { defineTool, ToolError, type ToolContext } from './tool';

const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
const DEFAULT_STALL_MS = 20_000;
const DAY_MS = 24 * 60 * 60 * 1000;
// Linux refuses a single argument longer than 128 KiB; the prompt travels as one.
const MAX_PROMPT_CHARS = 100_000;

const noNul = (s: string) => !s.includes('\0');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and _');

export const agentRunInput = z
  .object({
    cli: z.enum(agentClis),
    prompt: z
      .string()
      .min(1, 'is required')
      .max(MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`)
      .refine(noNul, 'must not contain a NUL character'),
    /** Where the agent works; the project's work directory when left out. */
    work_dir: z.string().min(1).optional(),
    /** Extra arguments, after the preset's own (custom: before the prompt). */
    args: z.array(z.string().refine(noNul, 'must not contain a NUL character')).default([]),
    /** The program to run: required for custom, and replaces the preset's program (a full path) otherwise. */
    command: z.string().min(1).refine(noNul, 'must not contain a NUL character').optional(),
    model: z.string().min(1).optional(),
    timeout_ms: z.number().int().positive().max(DAY_MS).default(DEFAULT_TIMEOUT_MS),
    /** Plain environment variables for the agent (besides PATH, HOME, LANG and the like). */
    env: z.record(envName, z.string().refine(noNul, 'must not contain a NUL character')).optional(),
    /** Variables filled from the SecretStore: { ANTHROPIC_API_KEY: 'anthropic_api_key' }. */
    secret_env: z.record(envName, z.string().min(1)).optional(),
    /** Exit codes that mean "do not try again"; any other non-zero exit is retryable. */
    permanent_exit_codes: z.array(z.number().int()).optional(),
    /** What the agent may do, in its CLI's own terms; fixed when the task is saved. */
    permissions: agentPermissions.optional(),
    /** worktree (default): a worktree of the repository on the task's branch; none: the directory itself. */
    isolation: z.enum(['worktree', 'none']).default('worktree'),
    /** A prompt for a person with no output after it for this long halts the run for approval. */
    stall_after_ms: z.number().int().positive().max(DAY_MS).default(DEFAULT_STALL_MS),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.cli === 'custom' && input.command === undefined) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'is required when cli is custom' });
    }
    for (const issue of input.permissions ? permissionIssues(input.cli, input.permissions) : []) {
      ctx.addIssue({ code: 'custom', path: ['permissions', ...issue.path], message: issue.message });
    }
  });

export const agentRunOutput = z.object({
  cli: z.enum(agentClis),
  exit_code: z.number().int(),
  /** The agent's final answer (Claude Code's result, Codex's last message) or its whole output. */
  result: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  duration_ms: z.number().nonnegative(),
  session_id: z.string().nullable(),
  /** What the CLI reported; null when it reports nothing (Goose, custom commands). */
  usage: z
    .object({
      input_tokens: z.number().int().nonnegative(),
      output_tokens: z.number().int().nonnegative(),
      cost_usd: z.number().nonnegative().nullable(),
    })
    .nullable(),
  /** The worktree the agent worked in, with its diff; null when it worked in the directory itself. */
  worktree: worktreeOutput.nullable(),
});

type AgentRunInput = z.output<typeof agentRunInput>;

export const agentRun = defineTool({
  name: 'agent.run',
  description:
    'Runs a coding-agent CLI headless with a prompt: claude (claude -p --output-format json), codex (codex ' +
    'exec --json), goose (goose run -t), aider (aider --message --yes-always --no-auto-commits) or a custom ' +
    'command (args, then the prompt). model is passed as --model to claude, codex and aider. Works in ' +
    "work_dir or the project's work directory. API keys go in secret_env (variable -> secret name). " +
    'Reported tokens and cost are recorded. A non-zero exit is retryable unless listed in permanent_exit_codes. ' +
    "In a git repository the agent works in a worktree on the task's branch (isolation: none to work in place); " +
    'its changes are committed there, and once the whole run has succeeded (after any verifier or approval) ' +
    'pushed / offered as a pull request as the project allows; the diff is in worktree.diff. permissions is what the agent may do (claude: allowed_tools, permission_mode; ' +
    'codex: sandbox, ask_for_approval; goose: goose_mode); asking for more halts the run for approval.',
  input: agentRunInput,
  output: agentRunOutput,
  async execute(input, context) {
    const dir = workDirOf(input, context);
    const model = input.model ?? 'default';
    context.services.usage.beforeCall({ provider: input.cli, model });
    const envelope = widenedEnvelope(
      input.permissions ?? {},
      grantedRequests(context.services.grantedPermissions?.(context.runId, context.stepId) ?? []),
    );
    const flags = envelopeFlags(input.cli, envelope);
    const env = { ...input.env, ...flags.env, ...(await secretEnv(input, context)) };
    const workspace = await openWorkspace({ dir, isolation: input.isolation }, context);
    let ran: Omit<z.output<typeof agentRunOutput>, 'worktree'>;
    try {
      ran = await runAgent({ input, envelope, flags, env, cwd: workspace.cwd }, context);
    } catch (error) {
      await workspace.discard();
      throw error;
    }
    return { ...ran, worktree: await workspace.finish() };
  },
  rollback: undoAgentCommit,
  afterRunSucceeded: publishAgentBranch,
});

/** The requests approved earlier in this run, from the approvals' contexts. */
function grantedRequests(contexts: readonly unknown[]): unknown[] {
  const requests: unknown[] = [];
  for (const context of contexts) {
    const signals = (context as { signals?: unknown } | null)?.signals;
    if (!Array.isArray(signals)) continue;
    for (const signal of signals as { kind?: unknown; details?: { request?: unknown } }[]) {
      if (signal.kind === 'permission' && signal.details?.request) requests.push(signal.details.request);
    }
  }
  return requests;
}

interface AgentCall {
  input: AgentRunInput;
  envelope: AgentPermissions;
  /** The envelope's flags: its environment is already in `env`. */
  flags: Pick<EnvelopeFlags, 'leading' | 'args'>;
  env: Record<string, string>;
  cwd: string;
}

async function runAgent(call: AgentCall, context: ToolContext) {
  const { input, envelope, env, cwd } = call;
  const argv = commandLine({ ...input, args: [...call.flags.args, ...input.args] }, call.flags.leading);
  context.log({
    stream: 'system',
    message: `running ${input.cli} (${argv[0]}) in ${cwd}; it may do: ${describeEnvelope(input.cli, envelope)}`,
  });
  // A request beyond the envelope stops the agent at once; the run then halts for a person.
  const asking = new AbortController();
  const watch = createPermissionWatch({
    cli: input.cli,
    stallMs: input.stall_after_ms,
    clock: context.clock,
    onRequest: () => asking.abort(),
  });

  // The stdout lines shell.exec logs are kept too: a failed run's error carries no stdout, but its
  // output may still say what the run cost.
  const stdoutLines: string[] = [];
  const capturing: ToolContext = {
    ...context,
    signal: AbortSignal.any([context.signal, asking.signal]),
    onOutput: (text) => watch.output(text),
    log: (line) => {
      if (line.stream === 'stdout') stdoutLines.push(line.message);
      if (line.stream !== 'system') watch.line(line.message);
      context.log(line);
    },
  };
  const startedAt = context.clock.now();
  const run = await shellExec
    .execute(
      {
        argv,
        cwd,
        env,
        timeout_ms: input.timeout_ms,
        ...(input.permanent_exit_codes ? { permanent_exit_codes: input.permanent_exit_codes } : {}),
      },
      capturing,
    )
    .catch((error: unknown) => {
      if (watch.request && !context.signal.aborted) throw permissionHalt(input, envelope, watch.request);
      throw failedRun(error, input, stdoutLines, context.clock.now() - startedAt, context);
    })
    .finally(() => watch.stop());
  const report = parseReport(input, run.stdout);
  recordUsage(input, report, context.clock.now() - startedAt, report.error === undefined, context);
  // Claude Code refuses a tool and goes on: its result still lists what it was refused.
  if (watch.request) throw permissionHalt(input, envelope, watch.request);
  if (report.error !== undefined) {
    throw new ToolError('retryable', `${input.cli} reported an error: ${report.error}`, { exit_code: 0 });
  }
  return {
    cli: input.cli,
    exit_code: run.exit_code,
    result: report.result,
    stdout: run.stdout,
    stderr: run.stderr,
    duration_ms: run.duration_ms,
    session_id: report.sessionId ?? null,
    usage: report.usage
      ? {
          input_tokens: report.usage.inputTokens,
          output_tokens: report.usage.outputTokens,
          cost_usd: report.usage.costUsd ?? null,
        }
      : null,
  };
}

/** The halt for a request beyond the envelope: the approval shows what was asked and what was allowed. */
function permissionHalt(input: AgentRunInput, envelope: AgentPermissions, request: PermissionRequest): ToolError {
  const allowed = describeEnvelope(input.cli, envelope);
  return new ToolError(
    'halt',
    `${input.cli} asked for ${request.asked.join(', ')}, beyond what it may do (${allowed})`,
    {
      permissionRequest: request,
      envelope: allowed,
    },
  );
}

/**
 * A run that exited non-zero still records what its output says it cost, and its error quotes what
 * the agent said. Timeouts, cancellations and failures to start pass through as they are.
 */
function failedRun(
  error: unknown,
  input: AgentRunInput,
  stdoutLines: string[],
  latencyMs: number,
  context: ToolContext,
): unknown {
  if (!ToolError.isInstance(error) || typeof error.details.exit_code !== 'number') return error;
  const report = parseReport(input, stdoutLines.join('\n'));
  recordUsage(input, report, latencyMs, false, context);
  const said =
    report.error ??
    String(error.details.stderr_tail ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' / ');
  return new ToolError(error.kind, `${error.message}${said ? `: ${said}` : ''}`, error.details);
}

function workDirOf(input: AgentRunInput, context: ToolContext): string {
  const dir = input.work_dir ?? context.project?.workDir;
  if (!dir) {
    throw new ToolError(
      'permanent',
      "work_dir: is required when the task's project has no work directory (or the task has no project)",
    );
  }
  return dir;
}

function commandLine(input: AgentRunInput, leading: readonly string[]): string[] {
  if (input.cli === 'custom') return [input.command as string, ...customArgv(input.prompt, input.args)];
  const preset = agentCliPresets[input.cli];
  return [input.command ?? preset.program, ...leading, ...preset.argv(input.prompt, input.model, input.args)];
}

function parseReport(input: AgentRunInput, stdout: string): AgentReport {
  return input.cli === 'custom' ? plainText(stdout) : agentCliPresets[input.cli].parse(stdout);
}

async function secretEnv(input: AgentRunInput, context: ToolContext): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const [name, secretName] of Object.entries(input.secret_env ?? {})) {
    const value = await context.services.secret(secretName);
    if (value === undefined || value === '') {
      throw new ToolError('permanent', `secret_env.${name}: secret "${secretName}" is not set`, {
        secret: secretName,
      });
    }
    env[name] = value;
  }
  return env;
}

function recordUsage(
  input: AgentRunInput,
  report: AgentReport,
  latencyMs: number,
  success: boolean,
  context: ToolContext,
): void {
  if (!report.usage) return;
  const cost = context.services.usage.record({
    provider: input.cli,
    model: report.model ?? input.model ?? 'default',
    operation: 'agent.run',
    inputTokens: report.usage.inputTokens,
    outputTokens: report.usage.outputTokens,
    ...(report.usage.costUsd !== undefined ? { costUsd: report.usage.costUsd } : {}),
    latencyMs,
    success,
    ...(success ? {} : { error: report.error ?? 'the agent exited with an error' }),
    metadata: { ...report.usage.metadata, ...(report.sessionId ? { session_id: report.sessionId } : {}) },
  });
  context.log({
    stream: 'system',
    message: `${input.cli} used ${report.usage.inputTokens} input and ${report.usage.outputTokens} output tokens ($${cost.toFixed(4)})`,
  });
}
