// The task form's run settings: their round trip between a task and the form, the server's issue
// paths placed under the right fields, and the card's "After" line.
import { describe, expect, it } from 'vitest';
import {
  errorsFromIssues,
  localErrors,
  taskFieldsFrom,
  valuesFromTask,
} from '../../../src-renderer/src/features/task-form/form-values';
import { dependencySummary } from '../../../src-renderer/src/lib/dependency-format';

describe('run settings in the task form', () => {
  it('defaults a new task and sends the retry delay in milliseconds', () => {
    const values = valuesFromTask(null, 'UTC');
    expect(values).toMatchObject({
      dependsOn: [],
      overlapPolicy: 'skip',
      maxConcurrentRuns: '1',
      retryAttempts: '3',
      retryDelaySeconds: '1',
    });
    const fields = taskFieldsFrom(
      { ...values, dependsOn: ['a'], overlapPolicy: 'queue', retryAttempts: '5', retryDelaySeconds: '2.5' },
      'UTC',
    );
    expect(fields).toMatchObject({
      dependsOn: ['a'],
      overlapPolicy: 'queue',
      maxConcurrentRuns: 1,
      retryPolicy: { maxAttempts: 5, baseDelayMs: 2500, maxDelayMs: 300_000, jitter: 0.2 },
    });
  });

  it('flags number fields that hold no number before sending', () => {
    const values = { ...valuesFromTask(null, 'UTC'), maxConcurrentRuns: '', retryAttempts: 'x' };
    expect(Object.keys(localErrors(values)).sort()).toEqual(['maxConcurrentRuns', 'retryAttempts']);
  });

  it('places the server issues under the run settings fields', () => {
    const { fields, unplaced } = errorsFromIssues([
      { path: 'dependsOn', message: 'this would create a cycle: "A" → "B" → "A"' },
      { path: 'dependsOn[1]', message: 'is not a task' },
      { path: 'overlapPolicy', message: 'is invalid' },
      { path: 'maxConcurrentRuns', message: 'must be at most 64' },
      { path: 'retryPolicy.maxAttempts', message: 'must be at most 20' },
      { path: 'retryPolicy.baseDelayMs', message: 'must be at most 3600000' },
    ]);
    expect(unplaced).toEqual([]);
    expect(fields.dependsOn).toBe('This would create a cycle: "A" → "B" → "A" Depends on is not a task');
    expect(fields.overlapPolicy).toBe('Overlap is invalid');
    expect(fields.maxConcurrentRuns).toBe('Runs at once must be at most 64');
    expect(fields.retryAttempts).toBe('Attempts must be at most 20');
    expect(fields.retryDelaySeconds).toBe('First retry delay (s) must be at most 3600 s');
  });
});

describe('dependencySummary', () => {
  const titles: Record<string, string> = { a: 'Fetch', b: 'Build' };
  const title = (id: string) => titles[id];
  it('names one or two tasks and counts more', () => {
    expect(dependencySummary(['a'], title)).toBe('After: Fetch');
    expect(dependencySummary(['a', 'b'], title)).toBe('After: Fetch, Build');
    expect(dependencySummary(['a', 'b', 'c'], title)).toBe('After 3 tasks');
    expect(dependencySummary(['z'], title)).toBe('After: another task');
  });
});
