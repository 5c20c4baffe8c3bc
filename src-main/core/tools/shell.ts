// shell.exec: runs one program with an argv array (never through a shell), in a working
// directory, with an allowlisted environment; output goes to the run log live and to the result.
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { OutputCapture } from './output-capture';
import { stopProcessGroup } from './process-tree';
import { defineTool, ToolError, type ToolContext } from './tool';

const DAY_MS = 24 * 60 * 60 * 1000;
// Once the program has exited, output still in the pipes is read for at most this long.
const DRAIN_MS = 500;

// Only these reach the child from the host's environment, so API keys and RIDGELINE_SECRET_*
// never leak into commands; a step passes anything else it needs through `env`.
const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER'];
const INHERITED_ENV_WINDOWS = ['SystemRoot', 'COMSPEC', 'PATHEXT', 'TEMP', 'USERPROFILE'];

const noNul = (s: string) => !s.includes('\0');

export const shellExecInput = z
  .object({
    argv: z
      .array(z.string().refine(noNul, 'must not contain a NUL character'))
      .min(1, 'needs at least the program to run')
      .refine((argv) => argv[0] !== '', 'argv[0] (the program) must not be empty'),
    cwd: z.string().min(1).optional(),
    env: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and _'),
        z.string().refine(noNul, 'must not contain a NUL character'),
      )
      .optional(),
    timeout_ms: z.number().int().positive().max(DAY_MS).optional(),
    permanent_exit_codes: z.array(z.number().int()).optional(),
    stdin: z.string().optional(),
  })
  .strict();

export const shellExecOutput = z.object({
  exit_code: z.number().int(),
  stdout: z.string(),
  stderr: z.string(),
  duration_ms: z.number().nonnegative(),
});

type ShellExecInput = z.output<typeof shellExecInput>;

export function childEnvironment(
  stepEnv: Record<string, string> | undefined,
  parentEnv: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const names = platform === 'win32' ? [...INHERITED_ENV, ...INHERITED_ENV_WINDOWS] : INHERITED_ENV;
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...stepEnv };
}

interface Finished {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stoppedFor: 'timeout' | 'cancelled' | undefined;
}

export const shellExec = defineTool({
  name: 'shell.exec',
  description:
    'Runs a program with an argv array, never through a shell. Only PATH, HOME, LANG, LC_ALL, TZ, TMPDIR and ' +
    'USER are inherited; pass other variables in env. On timeout or cancellation the whole process group is ' +
    'stopped; processes the command leaves running when it exits are stopped too. A non-zero exit is retryable ' +
    'unless listed in permanent_exit_codes.',
  input: shellExecInput,
  output: shellExecOutput,
  async execute(input, context) {
    const program = input.argv[0] as string;
    if (context.signal.aborted) throw new ToolError('cancelled', `${program} was cancelled before it started`);
    if (input.cwd !== undefined) await requireDirectory(input.cwd);

    const startedAt = context.clock.now();
    const stdout = new OutputCapture('stdout', context.log, context.services.masker);
    const stderr = new OutputCapture('stderr', context.log, context.services.masker);
    const child = startChild(input);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      context.onOutput?.(chunk.toString('utf8'));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      context.onOutput?.(chunk.toString('utf8'));
    });

    const forget = recordGroup(child, input, context);
    let finished: Finished;
    try {
      finished = await runToEnd(child, input, context);
    } finally {
      // runToEnd settles once the whole group is gone: nothing is left for recovery to stop.
      forget();
    }
    stdout.end();
    stderr.end();
    const durationMs = context.clock.now() - startedAt;
    const details = {
      exit_code: finished.exitCode,
      signal: finished.signal,
      duration_ms: durationMs,
      stderr_tail: stderr.tail(),
    };

    if (finished.stoppedFor === 'timeout') {
      throw new ToolError('timeout', `${program} timed out after ${input.timeout_ms} ms`, details);
    }
    if (finished.stoppedFor === 'cancelled') throw new ToolError('cancelled', `${program} was cancelled`, details);
    if (finished.exitCode === 0) {
      return { exit_code: 0, stdout: stdout.text(), stderr: stderr.text(), duration_ms: durationMs };
    }
    if (finished.exitCode === null) {
      throw new ToolError('retryable', `${program} was killed by signal ${finished.signal}`, details);
    }
    const kind = input.permanent_exit_codes?.includes(finished.exitCode) ? 'permanent' : 'retryable';
    throw new ToolError(kind, `${program} exited with code ${finished.exitCode}`, details);
  },
});

async function requireDirectory(cwd: string): Promise<void> {
  // spawn reports a missing cwd as ENOENT, which would read as "program not found".
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw new ToolError('permanent', `working directory not found: ${cwd}`, { cwd });
}

function startChild(input: ShellExecInput): ChildProcess {
  const [program, ...args] = input.argv as [string, ...string[]];
  try {
    return spawn(program, args, {
      cwd: input.cwd,
      env: childEnvironment(input.env),
      shell: false,
      // POSIX: the child leads a new process group, so stopping it reaches its grandchildren.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: [input.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Thrown synchronously for arguments the OS refuses (for example .cmd files on Windows).
    throw new ToolError('permanent', `cannot start ${program}: ${(error as Error).message}`);
  }
}

/**
 * Persist before waiting: a host killed while the step runs leaves the group's row behind, and the
 * next start stops what is left of the group before the step can run again.
 */
function recordGroup(child: ChildProcess, input: ShellExecInput, context: ToolContext): () => void {
  const recorder = context.services.processes;
  if (child.pid === undefined || !recorder) return () => undefined;
  const started = { runId: context.runId, stepId: context.stepId, pid: child.pid, command: input.argv };
  try {
    return recorder.started(started);
  } catch (error) {
    // A group that could not be written down must not run unrecorded.
    void stopProcessGroup(child.pid, { clock: context.clock });
    throw error;
  }
}

/**
 * Resolves once the program has exited, its process group is gone and its output is read.
 * Rejects only when the program could not be started.
 */
function runToEnd(child: ChildProcess, input: ShellExecInput, context: ToolContext): Promise<Finished> {
  const program = input.argv[0] as string;
  return new Promise((resolve, reject) => {
    let stoppedFor: Finished['stoppedFor'];
    let stopping: Promise<void> | undefined;
    const stopGroup = () => {
      stopping ??= child.pid === undefined ? Promise.resolve() : stopProcessGroup(child.pid, { clock: context.clock });
      return stopping;
    };
    const stop = (reason: 'timeout' | 'cancelled') => {
      stoppedFor ??= reason;
      void stopGroup();
    };
    const onAbort = () => stop('cancelled');
    context.signal.addEventListener('abort', onAbort, { once: true });
    const cancelTimeout =
      input.timeout_ms === undefined ? () => {} : context.clock.setTimer(() => stop('timeout'), input.timeout_ms);
    const cleanUp = () => {
      context.signal.removeEventListener('abort', onAbort);
      cancelTimeout();
    };
    const closed = new Promise<void>((done) => child.once('close', () => done()));
    const drained = () =>
      new Promise<void>((done) => {
        const cancelDrain = context.clock.setTimer(done, DRAIN_MS);
        void closed.then(() => {
          cancelDrain();
          done();
        });
      });

    if (child.stdin) {
      // A program that exits without reading its input closes the pipe; that is not an error.
      child.stdin.on('error', () => {});
      child.stdin.end(input.stdin);
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // errors after a successful start surface as the exit
      cleanUp();
      reject(
        error.code === 'ENOENT'
          ? new ToolError('permanent', `program not found: ${program}`, { argv0: program })
          : new ToolError('permanent', `cannot start ${program}: ${error.message}`, { code: error.code }),
      );
    });

    child.once('exit', (exitCode, signal) => {
      cleanUp();
      // Grandchildren may still run (and hold the output pipes open) after the program exits;
      // nothing a step started outlives the step.
      void stopGroup()
        .then(drained)
        .then(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          resolve({ exitCode, signal, stoppedFor });
        }, reject);
    });
  });
}
