import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

describe('tasks API', () => {
  it('creates a task with defaults, reads it back, and announces it', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: '  Morning briefing ',
      description: 'Summarise the news',
    });
    expect(task).toMatchObject({
      title: 'Morning briefing',
      status: 'pending',
      priority: 'normal',
      taskType: 'general',
      paused: false,
      schedule: { kind: 'manual', expr: null, timezone: null },
      misfirePolicy: 'run_once',
      createdAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await t.runtime.api.call('tasks.get', { id: task.id })).toEqual(task);
    expect(t.pushed).toEqual([{ event: 'task:created', data: { task } }]);
    const events = await t.runtime.api.call('events.list', {});
    expect(events.items.map((e) => [e.type, e.taskId, e.summary])).toEqual([
      ['task:created', task.id, 'Created "Morning briefing"'],
    ]);
  });

  it('names the field in a validation error and stores nothing', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: '', priority: 'someday' }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([
      { path: 'title', message: 'is required' },
      { path: 'priority', message: expect.stringContaining('low') },
    ]);
    expect(error.message).toMatch(/^Invalid input for tasks.create: title: is required; priority: /);
    expect((await t.runtime.api.call('tasks.list', {})).total).toBe(0);
  });

  it('gives nested paths for pipeline and schedule errors', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(
      t.runtime.api.invoke('tasks.create', {
        title: 'x',
        schedule: { kind: 'cron', timezone: 'Mars/Olympus' },
        pipeline: {
          steps: [
            { id: 'a', uses: 'shell.exec' },
            { id: 'a', uses: '' },
          ],
        },
      }),
    );
    expect(error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'schedule.timezone', message: 'is not an IANA time zone such as America/Denver' },
        { path: 'schedule.expr', message: 'is required for a cron schedule' },
        { path: 'pipeline.steps[1].uses', message: 'is required' },
        { path: 'pipeline.steps[1].id', message: '"a" is used by an earlier step' },
      ]),
    );
  });

  it('updates only the given fields, records what changed, and pushes the new task', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Chore', priority: 'high', description: 'keep me' });
    t.clock.advance(60_000);
    const updated = await t.runtime.api.call('tasks.update', {
      id: task.id,
      title: 'Nightly chore',
      status: 'scheduled',
      schedule: { kind: 'cron', expr: '0 2 * * *', timezone: 'America/Denver' },
      deadline: '2026-12-01T08:30:00-07:00',
    });
    expect(updated).toMatchObject({
      title: 'Nightly chore',
      description: 'keep me',
      priority: 'high',
      status: 'scheduled',
      schedule: { kind: 'cron', expr: '0 2 * * *', timezone: 'America/Denver' },
      deadline: '2026-12-01T15:30:00.000Z',
      updatedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(t.pushed.at(-1)).toEqual({ event: 'task:updated', data: { task: updated } });
    const [latest] = (await t.runtime.api.call('events.list', { taskId: task.id })).items;
    expect(latest?.payload).toEqual({ changed: ['title', 'status', 'schedule', 'deadline'] });
  });

  it('refuses to update or delete a task that does not exist', async () => {
    t = await startedTestRuntime();
    expect((await appErrorOf(t.runtime.api.call('tasks.update', { id: 'nope', title: 'x' }))).code).toBe('not_found');
    expect((await appErrorOf(t.runtime.api.call('tasks.delete', { id: 'nope' }))).message).toBe(
      'Task nope does not exist.',
    );
  });

  it('deletes a task, pushes its id, and keeps its history on the timeline', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Temporary' });
    expect(await t.runtime.api.call('tasks.delete', { id: task.id })).toEqual({ id: task.id });
    expect((await appErrorOf(t.runtime.api.call('tasks.get', { id: task.id }))).code).toBe('not_found');
    expect(t.pushed.at(-1)).toEqual({ event: 'task:deleted', data: { id: task.id } });
    const events = await t.runtime.api.call('events.list', { taskId: task.id });
    expect(events.items.map((e) => e.type)).toEqual(['task:deleted', 'task:created']);
  });

  it('pauses and resumes a task, and pausing twice records one change', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Briefing' });
    expect((await t.runtime.api.call('tasks.pause', { id: task.id })).paused).toBe(true);
    expect((await t.runtime.api.call('tasks.pause', { id: task.id })).paused).toBe(true);
    expect((await t.runtime.api.call('tasks.resume', { id: task.id })).paused).toBe(false);
    const types = (await t.runtime.api.call('events.list', { taskId: task.id })).items.map((e) => e.type);
    expect(types).toEqual(['task:resumed', 'task:paused', 'task:created']);
  });

  it('lists with filters, search, sorting and paging', async () => {
    t = await startedTestRuntime();
    const make = async (title: string, extra: Record<string, unknown> = {}) => {
      t.clock.advance(1000);
      return t.runtime.api.call('tasks.create', { title, ...extra });
    };
    await make('Alpha report', { status: 'complete', priority: 'low' });
    await make('Beta 100% done', { status: 'failed', priority: 'urgent' });
    await make('Gamma', { status: 'pending', taskType: 'coding' });
    const delta = await make('Delta', { status: 'pending' });
    await t.runtime.api.call('tasks.pause', { id: delta.id });

    const titles = async (input: Record<string, unknown>) =>
      ((await t.runtime.api.invoke('tasks.list', input)) as { items: { title: string }[] }).items.map((x) => x.title);
    expect(await titles({})).toEqual(['Delta', 'Gamma', 'Beta 100% done', 'Alpha report']);
    expect(await titles({ status: ['complete', 'failed'] })).toEqual(['Beta 100% done', 'Alpha report']);
    expect(await titles({ search: '100%' })).toEqual(['Beta 100% done']);
    expect(await titles({ search: 'a%' })).toEqual([]);
    expect(await titles({ taskType: 'coding' })).toEqual(['Gamma']);
    expect(await titles({ paused: true })).toEqual(['Delta']);
    expect(await titles({ sort: 'priority' })).toEqual(['Beta 100% done', 'Delta', 'Gamma', 'Alpha report']);
    expect(await titles({ sort: 'title', limit: 2, offset: 1 })).toEqual(['Beta 100% done', 'Delta']);
    const page = await t.runtime.api.call('tasks.list', { limit: 3 });
    expect([page.total, page.items.length, page.limit, page.offset]).toEqual([4, 3, 3, 0]);
    expect((await appErrorOf(t.runtime.api.invoke('tasks.list', { limit: 0 }))).details.issues).toEqual([
      { path: 'limit', message: expect.stringContaining('>=1') },
    ]);
  });

  it('refuses a task in a project that does not exist', async () => {
    t = await startedTestRuntime();
    const error = await appErrorOf(t.runtime.api.call('tasks.create', { title: 'x', projectId: 'missing' }));
    expect(error.details.issues).toEqual([{ path: 'projectId', message: 'project missing does not exist' }]);
  });

  it('answers an unknown call and a call before start with their own codes', async () => {
    t = await startedTestRuntime();
    expect((await appErrorOf(t.runtime.api.invoke('tasks.explode', {}))).code).toBe('unknown_call');
    expect((await appErrorOf(t.runtime.api.invoke('constructor', {}))).code).toBe('unknown_call');
    await t.runtime.stop();
    expect((await appErrorOf(t.runtime.api.call('tasks.list', {}))).code).toBe('not_started');
  });
});
