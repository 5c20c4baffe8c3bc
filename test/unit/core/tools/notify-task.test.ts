// notify.send and task.create. task.create goes through a real runtime's tasks.create call on a real
// SQLite file, so its validation is the API's own; notifications are recorded by the test context
// (no desktop here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifySend, notifySendInput } from '../../../../src-main/core/tools/notify';
import { runTool } from '../../../../src-main/core/tools/registry';
import { taskCreate, taskCreateToolInput } from '../../../../src-main/core/tools/task-create';
import type { ToolContext } from '../../../../src-main/core/tools/tool';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';
import { testContext, failureOf } from './tool-context';

let t: TestRuntime;
beforeAll(async () => {
  t = await startedTestRuntime();
});
afterAll(async () => {
  await t.runtime.stop();
});

/** A test context whose createTask is the runtime's tasks.create, as the worker wires it. */
function contextWithApi(project: ToolContext['project'] = null) {
  const made = testContext({ project });
  made.context.services.createTask = async (input) => {
    const task = (await t.runtime.api.invoke('tasks.create', input)) as { id: string; title: string };
    return { id: task.id, title: task.title };
  };
  return made;
}

describe('notify.send', () => {
  it('sends the notification tied to the run and the task', async () => {
    const { context, notifications } = testContext();
    const result = await notifySend.execute(
      notifySendInput.parse({ title: 'Briefing ready', body: 'Three items today', kind: 'run_succeeded' }),
      context,
    );
    expect(result).toEqual({ sent: true });
    expect(notifications).toEqual([
      { title: 'Briefing ready', body: 'Three items today', kind: 'run_succeeded', runId: 'run-1', taskId: 'task-1' },
    ]);
  });

  it('refuses a missing title and an unknown kind, naming the field', async () => {
    const { context, notifications } = testContext();
    await expect(runTool(notifySend, { body: 'x' }, context)).rejects.toThrow('steps.build.with: title:');
    await expect(runTool(notifySend, { title: 'x', kind: 'shouting' }, context)).rejects.toThrow(
      'steps.build.with: kind:',
    );
    expect(notifications).toEqual([]);
  });
});

describe('task.create', () => {
  it('creates a follow-up task through tasks.create, passing its fields through', async () => {
    const { context } = contextWithApi();
    const result = await taskCreate.execute(
      taskCreateToolInput.parse({
        title: 'Check the deploy again',
        description: 'Follow-up from the nightly run',
        priority: 'high',
        schedule: { kind: 'once', expr: '2026-11-24T15:30:00Z' },
      }),
      context,
    );
    expect(result.title).toBe('Check the deploy again');
    const task = (await t.runtime.api.invoke('tasks.get', { id: result.task_id })) as Record<string, unknown>;
    expect(task).toMatchObject({
      title: 'Check the deploy again',
      description: 'Follow-up from the nightly run',
      priority: 'high',
    });
  });

  it("puts the follow-up in the run's project unless told otherwise", async () => {
    const project = (await t.runtime.api.invoke('projects.create', { name: 'Site' })) as { id: string };
    const { context } = contextWithApi({ id: project.id, name: 'Site', workDir: null, repoUrl: null, config: {} });
    const inProject = await taskCreate.execute(taskCreateToolInput.parse({ title: 'In the project' }), context);
    const outside = await taskCreate.execute(
      taskCreateToolInput.parse({ title: 'On its own', projectId: null }),
      context,
    );
    const get = async (id: string) => (await t.runtime.api.invoke('tasks.get', { id })) as { projectId: string | null };
    expect((await get(inProject.task_id)).projectId).toBe(project.id);
    expect((await get(outside.task_id)).projectId).toBeNull();
  });

  it('turns a refused tasks.create into a permanent failure naming the field', async () => {
    const { context } = contextWithApi();
    const error = await failureOf(
      taskCreate.execute(taskCreateToolInput.parse({ title: 'Bad', priority: 'whenever', budgetUsd: -1 }), context),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/^task\.create: priority: .+; budgetUsd: must not be negative$/);
  });
});
