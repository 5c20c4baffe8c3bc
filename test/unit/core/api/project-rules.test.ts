// Projects as the board edits them: work directories checked on the real file system, and git and
// coding-agent steps refused on a task without a project, naming each step.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { makeTempDir } from '../../../helpers/temp-dir';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

function gitRepo(): string {
  const dir = makeTempDir();
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const gitPipeline = {
  steps: [
    { id: 'note', uses: 'wait', with: { ms: 0 } },
    { id: 'branch', uses: 'git', with: { action: 'status' } },
    { id: 'code', uses: 'agent.run', with: { cli: 'claude', prompt: 'tidy' } },
  ],
};

describe('projects.checkWorkDir', () => {
  it('accepts a git repository and says what is wrong with anything else', async () => {
    t = await startedTestRuntime();
    const check = (path: string) => t.runtime.api.call('projects.checkWorkDir', { path });
    const repo = gitRepo();
    expect(await check(repo)).toEqual({ path: repo, ok: true, exists: true, isGitRepo: true, problem: null });

    const plain = makeTempDir();
    expect(await check(plain)).toMatchObject({ ok: false, exists: true, isGitRepo: false });
    expect((await check(plain)).problem).toMatch(/is not a git repository/);

    const missing = join(plain, 'nope');
    expect(await check(missing)).toMatchObject({
      ok: false,
      exists: false,
      problem: `does not exist: no folder at ${missing}`,
    });

    const file = join(plain, 'file.txt');
    writeFileSync(file, 'x');
    expect((await check(file)).problem).toBe(`is a file, not a folder: ${file}`);
    expect((await check('relative/dir')).problem).toMatch(/must be an absolute path/);

    // A linked worktree or submodule has a .git file, not a folder.
    const linked = makeTempDir();
    writeFileSync(join(linked, '.git'), 'gitdir: /elsewhere');
    expect((await check(linked)).ok).toBe(true);
  });

  it('refuses to save a project whose work directory is not a git repository, naming workDir', async () => {
    t = await startedTestRuntime();
    const plain = makeTempDir();
    mkdirSync(join(plain, 'src'));
    const error = await appErrorOf(t.runtime.api.call('projects.create', { name: 'App', workDir: plain }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([
      { path: 'workDir', message: expect.stringMatching(/is not a git repository/) },
    ]);

    const project = await t.runtime.api.call('projects.create', { name: 'App', workDir: gitRepo() });
    const moved = await appErrorOf(t.runtime.api.call('projects.update', { id: project.id, workDir: plain }));
    expect(moved.details.issues).toEqual([
      { path: 'workDir', message: expect.stringMatching(/is not a git repository/) },
    ]);
    // Renaming alone does not re-check a directory that was fine when it was saved.
    expect((await t.runtime.api.call('projects.update', { id: project.id, name: 'App 2' })).name).toBe('App 2');
  });
});

describe('steps that need a project', () => {
  it('refuses git and agent.run steps on a task without a project, naming each step', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(t.runtime.api.call('tasks.create', { title: 'Chore', pipeline: gitPipeline }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([
      { path: 'projectId', message: 'is required by pipeline.steps[1], pipeline.steps[2]' },
      {
        path: 'pipeline.steps[1].uses',
        message: `git works in a project's repository: choose a project for this task (step "branch")`,
      },
      {
        path: 'pipeline.steps[2].uses',
        message: `agent.run works in a project's repository: choose a project for this task (step "code")`,
      },
    ]);
  });

  it('saves them with a project, and refuses taking the project away on update', async () => {
    t = await startedTestRuntime();
    const project = await t.runtime.api.call('projects.create', { name: 'App', workDir: gitRepo() });
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Chore',
      pipeline: gitPipeline,
      projectId: project.id,
    });
    expect(task.projectId).toBe(project.id);
    const error = await appErrorOf(t.runtime.api.call('tasks.update', { id: task.id, projectId: null }));
    expect(error.details.issues).toContainEqual({
      path: 'projectId',
      message: 'is required by pipeline.steps[1], pipeline.steps[2]',
    });
    // A task without such steps needs no project.
    const plain = await t.runtime.api.call('tasks.create', {
      title: 'Wait',
      pipeline: { steps: [gitPipeline.steps[0]!] },
    });
    expect(plain.projectId).toBeNull();
  });
});
