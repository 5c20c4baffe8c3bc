import { describe, expect, it } from 'vitest';
import type { BoardTask, Run, Task, TaskPage } from '../../../src-renderer/src/api/contract-types';
import {
  boardListInput,
  boardViewQuery,
  defaultBoardView,
  readBoardView,
} from '../../../src-renderer/src/features/board/board-view';
import { applyPush, initialTasksState, loadedState } from '../../../src-renderer/src/features/board/tasks-state';
import { pageHash, parseHash } from '../../../src-renderer/src/lib/hash-route';

function task(id: string, extra: Partial<BoardTask> = {}): BoardTask {
  return {
    id,
    title: `Task ${id}`,
    updatedAt: '2026-11-23T10:00:00.000Z',
    column: 'scheduled',
    waitingReason: null,
    scheduleText: 'Manually, when you run it',
    lastRun: null,
    nextRunAt: null,
    ...extra,
  } as BoardTask;
}

function page(items: BoardTask[]): TaskPage {
  return {
    items,
    total: items.length,
    limit: 100,
    offset: 0,
    columns: { scheduled: items.length, waiting: 0, running: 0, attention: 0, failed: 0, done: 0 },
  };
}

describe('the board view in the address', () => {
  it('reads back every filter it writes, and leaves defaults out', () => {
    const view = {
      ...defaultBoardView,
      q: 'report',
      column: 'waiting' as const,
      type: 'coding',
      priority: 'urgent' as const,
      project: 'p1',
      failures: true,
      sort: 'next_run' as const,
    };
    const hash = pageHash('board', boardViewQuery(view));
    expect(hash).toBe(
      '#/board?q=report&column=waiting&type=coding&priority=urgent&project=p1&failures=1&sort=next_run',
    );
    expect(readBoardView(parseHash(hash).query)).toEqual(view);
    expect(pageHash('board', boardViewQuery(defaultBoardView))).toBe('#/board');
  });

  it('falls back to the default for values a hand-edited address gets wrong', () => {
    expect(readBoardView(new URLSearchParams('column=nowhere&sort=sideways&priority=meh'))).toEqual(defaultBoardView);
  });

  it('asks tasks.list for the view, a page per column', () => {
    expect(boardListInput({ ...defaultBoardView, column: 'failed', failures: true }, 200)).toEqual({
      search: undefined,
      column: ['failed'],
      taskType: undefined,
      priority: undefined,
      projectId: undefined,
      hasFailures: true,
      sort: 'updated',
      perColumn: 200,
    });
  });
});

describe('the board tasks reducer', () => {
  it('keeps the object of every task whose card did not change, so its card does not re-render', () => {
    const first = loadedState(page([task('a'), task('b')]), initialTasksState);
    const second = loadedState(page([task('a'), task('b', { column: 'running' })]), first);
    expect(second.tasks.get('a')).toBe(first.tasks.get('a'));
    expect(second.tasks.get('b')).not.toBe(first.tasks.get('b'));
  });

  it('patches only the task a run push names, as its last run', () => {
    const state = loadedState(page([task('a'), task('b')]), initialTasksState);
    const run = { id: 'r1', taskId: 'b', status: 'running', costUsd: 0.5, finishedAt: null } as unknown as Run;
    const next = applyPush(state, { event: 'run:queued', data: { run } });
    expect(next.tasks.get('a')).toBe(state.tasks.get('a'));
    expect(next.tasks.get('b')!.lastRun).toEqual({ id: 'r1', status: 'running', costUsd: 0.5, finishedAt: null });
  });

  it('applies a scheduler burst to every card it names at once: new run, next and last fire', () => {
    const state = loadedState(page([task('a'), task('b'), task('c')]), initialTasksState);
    const run = (id: string, taskId: string) =>
      ({ id, taskId, status: 'queued', costUsd: 0, finishedAt: null }) as unknown as Run;
    const next = applyPush(state, {
      event: 'schedule:fired',
      data: {
        runs: [run('r1', 'a'), run('r2', 'b')],
        tasks: [
          { id: 'a', nextRunAt: '2026-11-24T15:30:00.000Z', lastFiredAt: '2026-11-23T15:30:00.002Z' },
          { id: 'b', nextRunAt: null, lastFiredAt: '2026-11-23T15:30:00.002Z' },
        ],
      },
    });
    expect(next.tasks.get('c')).toBe(state.tasks.get('c'));
    expect(next.tasks.get('a')).toMatchObject({
      nextRunAt: '2026-11-24T15:30:00.000Z',
      lastFiredAt: '2026-11-23T15:30:00.002Z',
      lastRun: { id: 'r1', status: 'queued' },
    });
    expect(next.tasks.get('b')).toMatchObject({ nextRunAt: null, lastRun: { id: 'r2' } });
  });

  it("takes a pushed task's card fields and tools, and keeps none of the whole task", () => {
    const state = loadedState(page([task('a')]), initialTasksState);
    const pushed = {
      id: 'a',
      title: 'Renamed',
      taskType: 'coding',
      priority: 'high',
      status: 'scheduled',
      paused: true,
      schedule: { kind: 'manual', expr: null, timezone: null },
      nextRunAt: null,
      dependsOn: ['b'],
      updatedAt: '2026-11-24T00:00:00.000Z',
      description: 'long text',
      pipeline: {
        steps: [
          { id: 's1', uses: 'git' },
          { id: 's2', uses: 'wait' },
          { id: 's3', uses: 'git' },
        ],
      },
    } as unknown as Task;
    const card = applyPush(state, { event: 'task:updated', data: { task: pushed } }).tasks.get('a')!;
    expect(card).toMatchObject({ title: 'Renamed', paused: true, dependsOn: ['b'], tools: ['git', 'wait'] });
    expect(card.column).toBe('scheduled');
    expect(card).not.toHaveProperty('pipeline');
    expect(card).not.toHaveProperty('description');
  });

  it('drops a deleted task and its count, and ignores a stale update', () => {
    const state = loadedState(page([task('a'), task('b')]), initialTasksState);
    const deleted = applyPush(state, { event: 'task:deleted', data: { id: 'a' } });
    expect([...deleted.tasks.keys()]).toEqual(['b']);
    expect(deleted.columns.scheduled).toBe(1);
    const stale = {
      id: 'b',
      title: 'Old',
      pipeline: { steps: [] },
      updatedAt: '2026-11-22T00:00:00.000Z',
    } as unknown as Task;
    expect(applyPush(deleted, { event: 'task:updated', data: { task: stale } })).toBe(deleted);
  });

  it("takes a run's progress of a task (its status), and ignores one older than the card", () => {
    const state = loadedState(page([task('a'), task('b')]), initialTasksState);
    const progress = (updatedAt: string) => ({
      id: 'a',
      status: 'running' as const,
      currentPhase: null,
      lastError: null,
      updatedAt,
    });
    const moved = applyPush(state, { event: 'task:progress', data: { task: progress('2026-11-23T10:00:01.000Z') } });
    expect(moved.tasks.get('a')).toMatchObject({ status: 'running', updatedAt: '2026-11-23T10:00:01.000Z' });
    expect(moved.tasks.get('b')).toBe(state.tasks.get('b'));
    const stale = applyPush(moved, { event: 'task:progress', data: { task: progress('2026-11-23T09:00:00.000Z') } });
    expect(stale).toBe(moved);
  });
});
