import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../src-main/core/lib/errors';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('events read state', () => {
  it('marks chosen events read, then all, with the unread count after each', async () => {
    t = await startedTestRuntime();
    for (let i = 0; i < 4; i++) await t.runtime.api.call('tasks.create', { title: `Task ${i}` });
    const listed = await t.runtime.api.call('events.list', {});
    expect(listed.unread).toBe(4);
    const [newest, second] = listed.items;

    expect(await t.runtime.api.call('events.markRead', { ids: [newest!.id, String(second!.id)] })).toEqual({
      marked: 2,
      unread: 2,
    });
    const unread = await t.runtime.api.call('events.list', { unreadOnly: true });
    expect(unread.items.map((e) => e.summary)).toEqual(['Created "Task 1"', 'Created "Task 0"']);
    expect(await t.runtime.api.call('events.markRead', { ids: [newest!.id] })).toEqual({ marked: 0, unread: 2 });
    expect(await t.runtime.api.call('events.markRead', { all: true })).toEqual({ marked: 2, unread: 0 });
    expect((await t.runtime.api.call('events.list', {})).items.every((e) => e.read)).toBe(true);
  });

  it('refuses a call that names neither ids nor all, or an id that is not one', async () => {
    t = await startedTestRuntime();
    const neither = await failure(t.runtime.api.call('events.markRead', {}));
    expect(neither?.code).toBe('validation_failed');
    expect(neither?.message).toContain('give either ids or all: true');
    const bad = await failure(t.runtime.api.invoke('events.markRead', { ids: ['abc'] }));
    expect(bad?.code).toBe('validation_failed');
    expect(bad?.message).toContain('ids[0]: must be an event id');
  });

  it('filters the timeline by event type', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Nightly' });
    await t.runtime.api.call('tasks.pause', { id: task.id });
    const all = await t.runtime.api.call('events.list', {});
    const types = [...new Set(all.items.map((e) => e.type))];
    expect(types.length).toBeGreaterThan(1);
    const only = await t.runtime.api.call('events.list', { types: [types[0]!] });
    expect(only.items.length).toBeGreaterThan(0);
    expect(only.items.every((e) => e.type === types[0])).toBe(true);
  });
});

describe('runs list input', () => {
  it('refuses a date range that ends before it starts, and a made-up cursor, naming the field', async () => {
    t = await startedTestRuntime();
    const backwards = await failure(
      t.runtime.api.call('runs.list', { from: '2026-11-23T10:00:00Z', to: '2026-11-23T09:00:00Z' }),
    );
    expect(backwards?.message).toBe('to: must be later than from');
    const cursor = await failure(t.runtime.api.call('runs.list', { cursor: 'page-2' }));
    expect(cursor?.code).toBe('validation_failed');
    expect(cursor?.message).toContain('cursor');
  });
});
