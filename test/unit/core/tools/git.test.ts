// git against real repositories made in temp directories, with a bare repository as the push
// remote: the task branch, commits, the push rule, status and diff, and rolling branch and commit back.
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitInput, pushAllowed, taskBranchName } from '../../../../src-main/core/tools/git';
import type { ToolContext } from '../../../../src-main/core/tools/tool';
import { makeTempDir } from '../../../helpers/temp-dir';
import { testContext, failureOf } from './tool-context';

const TASK_ID = '7f3a9c21-5b1e-4d8a-9c3f-2a6b8e0d4f17';

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }).trim();
}

/** A repository on main with one commit, and a bare repository as its origin. */
function makeRepo(config: Record<string, unknown> = {}) {
  const workDir = makeTempDir('ridgeline-git-');
  const remote = makeTempDir('ridgeline-remote-');
  sh(remote, 'init', '--bare', '-q', '-b', 'main');
  sh(workDir, 'init', '-q', '-b', 'main');
  sh(workDir, 'config', 'user.name', 'Ridgeline Test');
  sh(workDir, 'config', 'user.email', 'test@ridgeline.invalid');
  sh(workDir, 'remote', 'add', 'origin', remote);
  writeFileSync(join(workDir, 'README.md'), '# Site\n');
  sh(workDir, 'add', '-A');
  sh(workDir, 'commit', '-q', '-m', 'first');
  const made = testContext({ project: { id: 'p1', name: 'Site', workDir, repoUrl: null, config } });
  made.context.task = { ...made.context.task, id: TASK_ID, taskType: 'nightly_chore' };
  return { workDir, remote, ...made };
}

const run = (input: Record<string, unknown>, context: ToolContext) => git.execute(gitInput.parse(input), context);

describe('git', () => {
  it('names the task branch aos/{task_type}/{task_id[:8]}', () => {
    expect(taskBranchName({ id: TASK_ID, taskType: 'nightly_chore' })).toBe('aos/nightly_chore/7f3a9c21');
    expect(taskBranchName({ id: TASK_ID, taskType: 'weird type!' })).toBe('aos/weird-type/7f3a9c21');
  });

  it('fails clearly when the task has no project or the project has no work directory', async () => {
    const { context } = testContext();
    expect((await failureOf(run({ action: 'status' }, context))).message).toBe(
      "git: the task has no project; git steps run in a project's work directory",
    );
    const noDir = testContext({ project: { id: 'p1', name: 'Site', workDir: null, repoUrl: null, config: {} } });
    const error = await failureOf(run({ action: 'status' }, noDir.context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('git: project Site has no work directory (work_dir)');
  });

  it('creates the task branch, and rollback returns to the previous branch and deletes it', async () => {
    const { workDir, context, rollbacks } = makeRepo();
    const head = sh(workDir, 'rev-parse', 'HEAD');
    const result = await run({ action: 'branch' }, context);
    expect(result).toMatchObject({ branch: 'aos/nightly_chore/7f3a9c21', head, created: true });
    expect(sh(workDir, 'branch', '--show-current')).toBe('aos/nightly_chore/7f3a9c21');
    expect(rollbacks).toEqual([
      {
        action: 'branch',
        work_dir: workDir,
        branch: 'aos/nightly_chore/7f3a9c21',
        created: true,
        previous_branch: 'main',
        previous_head: head,
      },
    ]);
    await git.rollback?.(rollbacks[0], context);
    expect(sh(workDir, 'branch', '--show-current')).toBe('main');
    expect(sh(workDir, 'branch', '--list', 'aos/*')).toBe('');
  });

  it('switches to a task branch that already exists and does not delete it on rollback', async () => {
    const { workDir, context, rollbacks } = makeRepo();
    sh(workDir, 'branch', 'aos/nightly_chore/7f3a9c21');
    const result = await run({ action: 'branch' }, context);
    expect(result).toMatchObject({ branch: 'aos/nightly_chore/7f3a9c21', created: false });
    await git.rollback?.(rollbacks[0], context);
    expect(sh(workDir, 'branch', '--show-current')).toBe('main');
    expect(sh(workDir, 'branch', '--list', 'aos/*')).toBe('aos/nightly_chore/7f3a9c21');
  });

  it('commits everything with the message as data, and rollback undoes the commit and its changes', async () => {
    const { workDir, context, rollbacks } = makeRepo();
    const before = sh(workDir, 'rev-parse', 'HEAD');
    writeFileSync(join(workDir, 'README.md'), '# Site\nchanged\n');
    writeFileSync(join(workDir, 'new.txt'), 'new file\n');
    const message = 'chore: tidy $(touch pwned) `id`; echo done';
    const result = await run({ action: 'commit', message }, context);
    expect(result).toMatchObject({ committed: true, branch: 'main' });
    expect(sh(workDir, 'log', '-1', '--format=%s')).toBe(message);
    expect(sh(workDir, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(workDir, 'pwned'))).toBe(false);
    expect(rollbacks).toEqual([{ action: 'commit', work_dir: workDir, commit: result.head, previous_head: before }]);

    await git.rollback?.(rollbacks[0], context);
    expect(sh(workDir, 'rev-parse', 'HEAD')).toBe(before);
    expect(readFileSync(join(workDir, 'README.md'), 'utf8')).toBe('# Site\n');
    expect(existsSync(join(workDir, 'new.txt'))).toBe(false);
  });

  it('commits only the paths given, leaving other changes alone', async () => {
    const { workDir, context } = makeRepo();
    writeFileSync(join(workDir, 'a.txt'), 'a\n');
    writeFileSync(join(workDir, 'b.txt'), 'b\n');
    await run({ action: 'commit', message: 'add a', paths: ['a.txt'] }, context);
    expect(sh(workDir, 'show', '--name-only', '--format=', 'HEAD')).toBe('a.txt');
    expect(sh(workDir, 'status', '--porcelain')).toBe('?? b.txt');
  });

  it('reports nothing to commit without recording a rollback, and requires a message', async () => {
    const { context, rollbacks } = makeRepo();
    expect(await run({ action: 'commit', message: 'nothing' }, context)).toMatchObject({ committed: false });
    expect(rollbacks).toEqual([]);
    expect(gitInput.safeParse({ action: 'commit' }).error?.issues[0]).toMatchObject({
      path: ['message'],
      message: 'is required for a commit',
    });
  });

  it('refuses to undo a commit once HEAD has moved on', async () => {
    const { workDir, context, rollbacks } = makeRepo();
    writeFileSync(join(workDir, 'a.txt'), 'a\n');
    await run({ action: 'commit', message: 'add a' }, context);
    writeFileSync(join(workDir, 'b.txt'), 'b\n');
    sh(workDir, 'add', '-A');
    sh(workDir, 'commit', '-q', '-m', 'someone else');
    const later = sh(workDir, 'rev-parse', 'HEAD');
    const error = await failureOf(Promise.resolve(git.rollback?.(rollbacks[0], context)));
    expect(error.message).toMatch(/cannot undo commit [0-9a-f]{12}: HEAD has moved to [0-9a-f]{12} since/);
    expect(sh(workDir, 'rev-parse', 'HEAD')).toBe(later);
  });

  it("refuses to push unless the project's config allows it, and says how to allow it", async () => {
    expect(pushAllowed({})).toBe(false);
    expect(pushAllowed({ skipGitPush: true })).toBe(false);
    expect(pushAllowed({ skipGitPush: false })).toBe(true);
    expect(pushAllowed({ skip_git_push: false })).toBe(true);
    const { workDir, remote, context } = makeRepo({ skipGitPush: true });
    const error = await failureOf(run({ action: 'push' }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(
      "git push is not allowed for project Site: set skipGitPush to false in the project's config to allow it",
    );
    expect(sh(remote, 'branch', '--list')).toBe('');
    expect(sh(workDir, 'branch', '--show-current')).toBe('main');
  });

  it('pushes the task branch to the remote when the project allows it', async () => {
    const { workDir, remote, context } = makeRepo({ skipGitPush: false });
    await run({ action: 'branch' }, context);
    writeFileSync(join(workDir, 'fix.txt'), 'fixed\n');
    const committed = await run({ action: 'commit', message: 'fix' }, context);
    const pushed = await run({ action: 'push' }, context);
    expect(pushed.text).toBe('pushed aos/nightly_chore/7f3a9c21 to origin');
    expect(sh(remote, 'rev-parse', 'refs/heads/aos/nightly_chore/7f3a9c21')).toBe(committed.head);
  });

  it('treats a remote that cannot be reached as retryable, without waiting for a password', async () => {
    const { workDir, context } = makeRepo({ skipGitPush: false });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    sh(workDir, 'remote', 'add', 'dead', `http://127.0.0.1:${port}/repo.git`);
    const error = await failureOf(run({ action: 'push', remote: 'dead' }, context));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/^git push failed \(exit 128\): .*unable to access/);
  });

  it('returns status and diff text, and cuts a long diff at max_bytes', async () => {
    const { workDir, context, messages } = makeRepo();
    writeFileSync(join(workDir, 'README.md'), `# Site\n${'line\n'.repeat(200)}`);
    writeFileSync(join(workDir, 'untracked.txt'), 'u\n');
    const status = await run({ action: 'status' }, context);
    expect(status.text).toBe('## main\n M README.md\n?? untracked.txt\n');
    const full = await run({ action: 'diff' }, context);
    expect(full.text).toContain('+line');
    expect(full.truncated).toBe(false);
    // The diff is the step's output; the run log gets a summary, not every line.
    expect(messages('stdout').some((line) => line.startsWith('+line'))).toBe(false);
    const cut = await run({ action: 'diff', max_bytes: 100 }, context);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toMatch(/\[diff truncated: \d+ more bytes\]$/);
  });

  it("fails permanently with git's own words when git refuses", async () => {
    const { context } = makeRepo();
    const error = await failureOf(run({ action: 'commit', message: 'x', paths: ['no-such-file'] }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain("git add failed (exit 128): fatal: pathspec 'no-such-file' did not match");
  });
});
