// Tags on tasks: written once per tag (ignoring case), refused with their path when malformed,
// filtered by (any of the given tags, ignoring case), searched, and carried by tasks as files.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/core/lib/errors';
import type { CallInput } from '../../../../src-main/core/api/contract';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

async function titles(input: CallInput<'tasks.list'>): Promise<string[]> {
  const page = await t.runtime.api.call('tasks.list', { sort: 'title', ...input });
  return page.items.map((task) => task.title);
}

describe('task tags', () => {
  it('keeps each tag once as first written and filters and searches by them', async () => {
    t = await startedTestRuntime();
    const briefing = await t.runtime.api.call('tasks.create', {
      title: 'Morning briefing',
      tags: [' Daily ', 'news', 'daily', 'NEWS'],
    });
    expect(briefing.tags).toEqual(['Daily', 'news']);
    await t.runtime.api.call('tasks.create', { title: 'Repo health', tags: ['repo-x', 'weekly'] });
    await t.runtime.api.call('tasks.create', { title: 'Untagged' });

    expect(await titles({ tag: ['daily'] })).toEqual(['Morning briefing']);
    expect(await titles({ tag: ['WEEKLY', 'news'] })).toEqual(['Morning briefing', 'Repo health']);
    expect(await titles({ tag: ['missing'] })).toEqual([]);
    expect(await titles({ search: 'repo-X' })).toEqual(['Repo health']);
    const counted = await t.runtime.api.call('tasks.list', { tag: ['daily'] });
    expect(Object.values(counted.columns).reduce((a, b) => a + b, 0)).toBe(1);

    const updated = await t.runtime.api.call('tasks.update', { id: briefing.id, tags: [] });
    expect(updated.tags).toEqual([]);
    expect(await titles({ tag: ['daily'] })).toEqual([]);
  });

  it('refuses a malformed tag, naming its place', async () => {
    t = await startedTestRuntime();
    const attempt = t.runtime.api.call('tasks.create', { title: 'Bad', tags: ['ok', 'a,b'] });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ path: 'tags[1]', message: 'must not contain a comma' })] },
    });
    await expect(t.runtime.api.call('tasks.create', { title: 'Long', tags: ['x'.repeat(41)] })).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ path: 'tags[0]' })] },
    });
  });

  it('exports tags with the task and imports them back', async () => {
    t = await startedTestRuntime();
    await t.runtime.api.call('tasks.create', { title: 'Tagged', tags: ['ops', 'nightly'] });
    const exported = await t.runtime.api.call('tasks.export', {});
    expect(exported.yaml).toContain('nightly');
    const other = await startedTestRuntime();
    try {
      await other.runtime.api.call('tasks.import', { yaml: exported.yaml });
      const page = await other.runtime.api.call('tasks.list', { tag: ['ops'] });
      expect(page.items.map((task) => [task.title, task.tags])).toEqual([['Tagged', ['ops', 'nightly']]]);
    } finally {
      await other.runtime.stop();
    }
  });
});
