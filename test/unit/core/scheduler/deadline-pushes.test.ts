// The deadline watch looks again after a push only when the push can move its next notice earlier.
// Every run updates its task twice; looking at each of those cost two deadline queries apiece.
import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../../src-main/core/events/push-events';
import type { Task } from '../../../../src-main/core/model/types';
import { mayMoveDeadlines } from '../../../../src-main/core/scheduler/deadline-watch';

const task = (deadline: string | null) => ({ id: 't1', deadline }) as Task;

describe('which pushes the deadline watch looks at', () => {
  it.each<[string, PushMessage, boolean]>([
    ['a run updating a task without a deadline', { event: 'task:updated', data: { task: task(null) } }, false],
    ['a task created without a deadline', { event: 'task:created', data: { task: task(null) } }, false],
    [
      'a task updated with a deadline',
      { event: 'task:updated', data: { task: task('2026-12-01T00:00:00.000Z') } },
      true,
    ],
    [
      'a task created with a deadline',
      { event: 'task:created', data: { task: task('2026-12-01T00:00:00.000Z') } },
      true,
    ],
    ['a task deleted', { event: 'task:deleted', data: { id: 't1' } }, true],
    ['a run updated', { event: 'run:updated', data: { run: {} } } as PushMessage, false],
  ])('%s', (_name, message, looks) => {
    expect(mayMoveDeadlines(message)).toBe(looks);
  });

  it('looks again when the settings change (the at-risk lead time)', () => {
    expect(mayMoveDeadlines({ event: 'settings:updated', data: {} } as PushMessage)).toBe(true);
  });
});
