import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir';
import { AppError } from '../../../../src-main/core/lib/errors';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

describe('projects API', () => {
  it('creates, lists with task counts, updates and deletes projects', async () => {
    t = await startedTestRuntime();
    const notes = makeTempDir();
    execFileSync('git', ['init', '-q', notes]);
    const home = await t.runtime.api.call('projects.create', { name: 'Home', workDir: notes });
    expect(home).toMatchObject({
      name: 'Home',
      repoUrl: null,
      workDir: notes,
      config: { skipGitPush: true, skipPrCreation: true },
      taskCount: 0,
    });
    const task = await t.runtime.api.call('tasks.create', { title: 'Tidy', projectId: home.id });
    expect((await t.runtime.api.call('projects.list', {})).map((p) => [p.name, p.taskCount])).toEqual([['Home', 1]]);

    const renamed = await t.runtime.api.call('projects.update', {
      id: home.id,
      name: 'House',
      config: { skipGitPush: false },
    });
    expect(renamed).toMatchObject({
      name: 'House',
      workDir: notes,
      config: { skipGitPush: false, skipPrCreation: true },
    });

    await t.runtime.api.call('projects.delete', { id: home.id });
    expect(await t.runtime.api.call('projects.list', {})).toEqual([]);
    const orphan = await t.runtime.api.call('tasks.get', { id: task.id });
    expect(orphan.projectId).toBeNull();
    expect(t.pushed.at(-1)).toEqual({ event: 'task:updated', data: { task: orphan } });
  });

  it('refuses a second project with the same name, naming the field', async () => {
    t = await startedTestRuntime();
    await t.runtime.api.call('projects.create', { name: 'Home' });
    const error = (await t.runtime.api.call('projects.create', { name: 'Home' }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('conflict');
    expect(error.details.issues).toEqual([{ path: 'name', message: 'a project named "Home" already exists' }]);
  });
});

describe('events API', () => {
  it('pages backwards through the timeline', async () => {
    t = await startedTestRuntime();
    for (let i = 0; i < 5; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
    const first = await t.runtime.api.call('events.list', { limit: 2 });
    expect(first.items.map((e) => e.summary)).toEqual(['Created "Task 4"', 'Created "Task 3"']);
    const second = await t.runtime.api.call('events.list', { limit: 2, beforeId: first.nextBeforeId! });
    expect(second.items.map((e) => e.summary)).toEqual(['Created "Task 2"', 'Created "Task 1"']);
    const last = await t.runtime.api.call('events.list', { limit: 2, beforeId: second.nextBeforeId! });
    expect(last.items.map((e) => e.summary)).toEqual(['Created "Task 0"']);
    expect(last.nextBeforeId).toBeNull();
    expect((await t.runtime.api.call('events.list', { unreadOnly: true })).items).toHaveLength(5);
  });

  it('reports the host, data directory and display timezone', async () => {
    t = await startedTestRuntime();
    expect(await t.runtime.api.call('app.info', {})).toEqual({
      version: '0.0.0-test',
      host: 'test',
      dataDir: t.dataDir,
      displayTimezone: 'America/Denver',
    });
  });
});
