// tasks.list builds each card from one read of the page's rows, with its tools and schedule text
// remembered between lists: the cards must still go out field for field as before, and follow edits.
import { afterEach, describe, expect, it } from 'vitest';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const cardFields = [
  'id',
  'title',
  'taskType',
  'priority',
  'status',
  'paused',
  'pausedReason',
  'schedule',
  'nextRunAt',
  'lastFiredAt',
  'tags',
  'deadline',
  'estimatedHours',
  'updatedAt',
  'dependsOn',
  'tools',
  'actualHours',
  'column',
  'waitingReason',
  'scheduleText',
  'lastRun',
  'deadlineState',
];

describe('tasks.list cards', () => {
  it('sends every field of a card in the order the board, the CLI and MCP have always read', async () => {
    t = await startedTestRuntime();
    const dep = await t.runtime.api.call('tasks.create', { title: 'Build' });
    await t.runtime.api.call('tasks.create', {
      title: 'Report',
      tags: ['ops'],
      deadline: '2030-01-01T00:00:00.000Z',
      estimatedHours: 2,
      dependsOn: [dep.id],
      pipeline: { steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } }] },
      schedule: { kind: 'cron', expr: '0 9 * * *', timezone: 'Europe/Berlin' },
    });
    const page = await t.runtime.api.call('tasks.list', { search: 'Report' });
    const text = JSON.stringify(page.items[0]);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(cardFields);
    expect(page.items[0]).toMatchObject({
      tags: ['ops'],
      deadline: '2030-01-01T00:00:00.000Z',
      estimatedHours: 2,
      dependsOn: [dep.id],
      tools: ['shell.exec'],
      schedule: { kind: 'cron', expr: '0 9 * * *', timezone: 'Europe/Berlin' },
      scheduleText: expect.stringContaining('09:00'),
    });
  });

  it("shows the tools and schedule of a task's pipeline and schedule as edited, not as first listed", async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', {
      title: 'Edited',
      pipeline: { steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } }] },
      schedule: { kind: 'cron', expr: '0 9 * * *', timezone: 'America/Denver' },
    });
    const before = (await t.runtime.api.call('tasks.list', {})).items[0]!;
    expect(before.tools).toEqual(['shell.exec']);
    expect(before.scheduleText).toContain('09:00');
    await t.runtime.api.call('tasks.update', {
      id: task.id,
      pipeline: {
        steps: [
          { id: 'nap', uses: 'wait', with: { ms: 1 } },
          { id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } },
        ],
      },
      schedule: { kind: 'cron', expr: '30 17 * * *', timezone: 'America/Denver' },
    });
    const after = (await t.runtime.api.call('tasks.list', {})).items[0]!;
    expect(after.tools).toEqual(['wait', 'shell.exec']);
    expect(after.scheduleText).toContain('17:30');
  });

  it('gives each card its own tools list, so changing one answer leaves the next unchanged', async () => {
    t = await startedTestRuntime();
    const pipeline = { steps: [{ id: 'nap', uses: 'wait', with: { ms: 1 } }] };
    await t.runtime.api.call('tasks.create', { title: 'One', pipeline });
    await t.runtime.api.call('tasks.create', { title: 'Two', pipeline });
    const first = await t.runtime.api.call('tasks.list', {});
    for (const card of first.items) card.tools.push('changed');
    const second = await t.runtime.api.call('tasks.list', {});
    expect(second.items.map((card) => card.tools)).toEqual([['wait'], ['wait']]);
  });
});
