// git: the repository work of a task in its project's work directory: a task branch
// (aos/{task_type}/{task_id[:8]}), commits, a push where the project allows it, status and diff.
// git runs through shell.exec (argv, no shell, scrubbed environment, process-group teardown);
// branch and commit record what they changed so that a rejected run can be rolled back.
import { z } from 'zod';
import { shellExec } from './shell';
import { defineTool, ToolError, type ToolContext } from './tool';

const DEFAULT_TIMEOUT_MS = 2 * 60 * 1000;
export const DIFF_CAP_BYTES = 256 * 1024;
// git must fail instead of waiting for a password nobody can type.
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0' };
// Messages of a push that failed on the way to the remote: trying again later may work.
const NETWORK_FAILURE =
  /unable to access|could not resolve host|connection (refused|timed out|reset)|early EOF|RPC failed|remote end hung up/i;

const actions = ['branch', 'commit', 'push', 'status', 'diff'] as const;
const noOption = (value: string) => !value.startsWith('-');

export const gitInput = z
  .object({
    action: z.enum(actions),
    /** The commit message (commit only). */
    message: z.string().trim().min(1, 'must not be empty').optional(),
    /** What to stage and commit, or what to diff; everything when left out. */
    paths: z
      .array(
        z
          .string()
          .min(1)
          .refine((p) => !p.includes('\0'), 'must not contain a NUL character'),
      )
      .min(1)
      .optional(),
    remote: z
      .string()
      .regex(/^[A-Za-z0-9._/:@-]+$/, 'must be a remote name such as origin')
      .refine(noOption, 'must not start with -')
      .default('origin'),
    /** What diff compares the work tree with: a commit, branch or tag (HEAD by default). */
    base: z
      .string()
      .regex(/^[A-Za-z0-9._/~^@{}-]+$/, 'must be a commit, branch or tag name')
      .refine(noOption, 'must not start with -')
      .default('HEAD'),
    max_bytes: z
      .number()
      .int()
      .positive()
      .max(DIFF_CAP_BYTES * 16)
      .default(DIFF_CAP_BYTES),
    timeout_ms: z
      .number()
      .int()
      .positive()
      .max(60 * 60 * 1000)
      .default(DEFAULT_TIMEOUT_MS),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.action === 'commit' && input.message === undefined) {
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'is required for a commit' });
    }
  });

export const gitOutput = z.object({
  action: z.enum(actions),
  /** The branch checked out after the action (null when HEAD is detached). */
  branch: z.string().nullable(),
  /** The commit HEAD points at after the action (null in a repository without commits). */
  head: z.string().nullable(),
  /** status and diff output; a one-line summary for the other actions. */
  text: z.string(),
  /** branch: whether the step created the branch. commit: whether there was anything to commit. */
  created: z.boolean().optional(),
  committed: z.boolean().optional(),
  /** diff: whether the output was cut off at max_bytes. */
  truncated: z.boolean().optional(),
});

const gitRollbackData = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('branch'),
    work_dir: z.string(),
    branch: z.string(),
    created: z.boolean(),
    previous_branch: z.string().nullable(),
    previous_head: z.string().nullable(),
  }),
  z.object({
    action: z.literal('commit'),
    work_dir: z.string(),
    commit: z.string(),
    previous_head: z.string().nullable(),
  }),
]);
type GitRollbackData = z.output<typeof gitRollbackData>;

type GitInput = z.output<typeof gitInput>;
type GitOutput = z.output<typeof gitOutput>;

/** The branch a task's repository work happens on: aos/{task_type}/{first 8 characters of the task id}. */
export function taskBranchName(task: { id: string; taskType: string }): string {
  const type = task.taskType.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'task';
  return `aos/${type}/${task.id.slice(0, 8)}`;
}

/**
 * Pushing needs the project's config to say skipGitPush: false (stored camelCase by the projects
 * API; skip_git_push is read too). Projects skip pushing by default (the API stores true), and a
 * push leaves the machine and cannot be rolled back, so only an explicit false allows it.
 */
export function pushAllowed(config: Record<string, unknown>): boolean {
  return (config.skipGitPush ?? config.skip_git_push) === false;
}

export const git = defineTool({
  name: 'git',
  description:
    "Works in the git repository of the task's project. branch: creates or switches to " +
    'aos/{task_type}/{task_id[:8]}. commit: stages paths (or everything) and commits with message. push: ' +
    "pushes the current branch to remote, only when the project's config has skipGitPush false. " +
    'status, diff: return git status --short --branch and git diff against base ' +
    '(HEAD by default; untracked files show in status only). branch and commit can be rolled back.',
  input: gitInput,
  output: gitOutput,
  async execute(input, context) {
    const workDir = projectWorkDir(context);
    const repo = new Repo(workDir, input.timeout_ms, context);
    switch (input.action) {
      case 'branch':
        return branch(repo, context);
      case 'commit':
        return commit(repo, input, context);
      case 'push':
        return push(repo, input, context);
      case 'status': {
        const text = await repo.run(['status', '--short', '--branch']);
        return { action: 'status' as const, ...(await repo.position()), text };
      }
      case 'diff':
        return diff(repo, input);
      default: {
        const never: never = input.action;
        throw new ToolError('permanent', `git: unknown action ${String(never)}`);
      }
    }
  },
  async rollback(raw, context) {
    const parsed = gitRollbackData.safeParse(raw);
    if (!parsed.success) throw new ToolError('permanent', 'git rollback data is not readable');
    const data: GitRollbackData = parsed.data;
    const repo = new Repo(data.work_dir, DEFAULT_TIMEOUT_MS, context);
    if (data.action === 'commit') return undoCommit(repo, data, context);
    return undoBranch(repo, data, context);
  },
});

function projectWorkDir(context: ToolContext): string {
  if (!context.project) {
    throw new ToolError('permanent', "git: the task has no project; git steps run in a project's work directory");
  }
  if (!context.project.workDir) {
    throw new ToolError('permanent', `git: project ${context.project.name} has no work directory (work_dir)`);
  }
  return context.project.workDir;
}

async function branch(repo: Repo, context: ToolContext): Promise<GitOutput> {
  const name = taskBranchName(context.task);
  const before = await repo.position();
  if (before.branch === name) {
    return { action: 'branch', ...before, created: false, text: `already on ${name}` };
  }
  const exists = (await repo.probe(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])) !== undefined;
  await repo.run(exists ? ['switch', name] : ['switch', '-c', name]);
  context.services.recordRollback({
    action: 'branch',
    work_dir: repo.workDir,
    branch: name,
    created: !exists,
    previous_branch: before.branch,
    previous_head: before.head,
  } satisfies GitRollbackData);
  const after = await repo.position();
  const text = `${exists ? 'switched to' : 'created'} ${name} (was on ${before.branch ?? before.head ?? 'nothing'})`;
  context.log({ stream: 'system', message: text });
  return { action: 'branch', ...after, created: !exists, text };
}

async function commit(repo: Repo, input: GitInput, context: ToolContext): Promise<GitOutput> {
  const paths = input.paths ?? [];
  await repo.run(paths.length > 0 ? ['add', '-A', '--', ...paths] : ['add', '-A']);
  const before = await repo.position();
  const staged = paths.length > 0 ? ['diff', '--cached', '--quiet', '--', ...paths] : ['diff', '--cached', '--quiet'];
  // An unborn branch has nothing to compare with: anything staged there is a change.
  const nothingStaged = before.head !== null && (await repo.probe(staged)) !== undefined;
  if (nothingStaged) {
    context.log({ stream: 'system', message: 'nothing to commit' });
    return { action: 'commit', ...before, committed: false, text: 'nothing to commit' };
  }
  await repo.run(['commit', '-m', input.message ?? '', ...(paths.length > 0 ? ['--', ...paths] : [])]);
  const after = await repo.position();
  context.services.recordRollback({
    action: 'commit',
    work_dir: repo.workDir,
    commit: after.head ?? '',
    previous_head: before.head,
  } satisfies GitRollbackData);
  const text = `committed ${after.head?.slice(0, 12)} on ${after.branch ?? 'a detached HEAD'}`;
  context.log({ stream: 'system', message: text });
  return { action: 'commit', ...after, committed: true, text };
}

async function push(repo: Repo, input: GitInput, context: ToolContext): Promise<GitOutput> {
  const config = context.project?.config ?? {};
  if (!pushAllowed(config)) {
    throw new ToolError(
      'permanent',
      `git push is not allowed for project ${context.project?.name}: set skipGitPush to false ` +
        "in the project's config to allow it",
    );
  }
  const position = await repo.position();
  if (!position.branch) throw new ToolError('permanent', 'git push: HEAD is detached; switch to a branch first');
  await repo.run(['push', '--set-upstream', input.remote, position.branch], 'push');
  const text = `pushed ${position.branch} to ${input.remote}`;
  context.log({ stream: 'system', message: text });
  return { action: 'push', ...position, text };
}

async function diff(repo: Repo, input: GitInput): Promise<GitOutput> {
  const args = ['diff', '--no-color', '--no-ext-diff', input.base, ...(input.paths ? ['--', ...input.paths] : [])];
  const full = await repo.run(args, 'quiet');
  const bytes = Buffer.byteLength(full);
  const truncated = bytes > input.max_bytes;
  const text = truncated
    ? `${Buffer.from(full).subarray(0, input.max_bytes).toString('utf8')}\n[diff truncated: ${bytes - input.max_bytes} more bytes]`
    : full;
  repo.context.log({ stream: 'system', message: `diff against ${input.base}: ${bytes} bytes` });
  return { action: 'diff', ...(await repo.position()), text, truncated };
}

async function undoCommit(
  repo: Repo,
  data: Extract<GitRollbackData, { action: 'commit' }>,
  context: ToolContext,
): Promise<void> {
  const { head } = await repo.position();
  if (head !== data.commit) {
    throw new ToolError(
      'permanent',
      `cannot undo commit ${data.commit.slice(0, 12)}: HEAD has moved to ${head?.slice(0, 12) ?? 'nothing'} since`,
    );
  }
  // --keep undoes the commit's changes in the work tree too, but refuses to touch files with
  // changes made after it, so nothing that was not part of the commit is lost.
  await repo.run(data.previous_head ? ['reset', '--keep', data.previous_head] : ['update-ref', '-d', 'HEAD']);
  context.log({ stream: 'system', message: `undid commit ${data.commit.slice(0, 12)}` });
}

async function undoBranch(
  repo: Repo,
  data: Extract<GitRollbackData, { action: 'branch' }>,
  context: ToolContext,
): Promise<void> {
  if (data.previous_branch) await repo.run(['switch', data.previous_branch]);
  else if (data.previous_head) await repo.run(['switch', '--detach', data.previous_head]);
  if (data.created) await repo.run(['branch', '-D', data.branch]);
  context.log({
    stream: 'system',
    message: `back on ${data.previous_branch ?? data.previous_head}${data.created ? `; deleted ${data.branch}` : ''}`,
  });
}

/** git in one work directory, through shell.exec. */
class Repo {
  constructor(
    readonly workDir: string,
    private readonly timeoutMs: number,
    readonly context: ToolContext,
  ) {}

  /** The checked-out branch and the HEAD commit. */
  async position(): Promise<{ branch: string | null; head: string | null }> {
    const branch = await this.probe(['symbolic-ref', '--short', '-q', 'HEAD']);
    const head = await this.probe(['rev-parse', '--verify', '--quiet', 'HEAD']);
    return { branch: branch?.trim() || null, head: head?.trim() || null };
  }

  /** Runs git and returns its stdout; `quiet` keeps stdout out of the run log (queries, diffs). */
  async run(args: string[], mode: 'logged' | 'quiet' | 'push' = 'logged'): Promise<string> {
    const context = mode === 'quiet' ? quietContext(this.context) : this.context;
    try {
      const result = await shellExec.execute(
        { argv: ['git', ...args], cwd: this.workDir, env: GIT_ENV, timeout_ms: this.timeoutMs },
        context,
      );
      return result.stdout;
    } catch (error) {
      throw gitFailure(error, args, mode === 'push');
    }
  }

  /** Runs a query whose exit code 1 means "no": returns undefined then instead of failing. */
  async probe(args: string[]): Promise<string | undefined> {
    try {
      return await this.run(args, 'quiet');
    } catch (error) {
      if (ToolError.isInstance(error) && error.details.exit_code === 1) return undefined;
      throw error;
    }
  }
}

/** A git failure as an error that says what git said. Only a push can fail for a passing reason. */
function gitFailure(error: unknown, args: string[], isPush: boolean): unknown {
  if (!ToolError.isInstance(error) || typeof error.details.exit_code !== 'number') return error;
  const stderr = String(error.details.stderr_tail ?? '').trim();
  const said = stderr.split('\n').slice(-3).join(' / ');
  const kind = isPush && NETWORK_FAILURE.test(stderr) ? 'retryable' : 'permanent';
  return new ToolError(kind, `git ${args[0]} failed (exit ${error.details.exit_code})${said ? `: ${said}` : ''}`, {
    ...error.details,
    args,
  });
}

function quietContext(context: ToolContext): ToolContext {
  return { ...context, log: (line) => (line.stream === 'stdout' ? undefined : context.log(line)) };
}
