import { describe, expect, it } from 'vitest';
import { hoursSummary } from '../../../src-renderer/src/lib/hours-format';
import { taskFieldsFrom, valuesFromTask } from '../../../src-renderer/src/features/task-form/form-values';

describe('success criteria in the task form', () => {
  it('writes a measurable after " => " and reads it back, a line without one as a plain criterion', () => {
    const values = valuesFromTask(null, 'America/Denver');
    values.title = 'Checked';
    values.successCriteria = 'All tests pass => steps.tests.exit_code >= `0`\n\n  Reads well  \nEmpty measure => ';
    const fields = taskFieldsFrom(values, 'America/Denver');
    expect(fields.successCriteria).toEqual([
      { criterion: 'All tests pass', measurable: 'steps.tests.exit_code >= `0`' },
      { criterion: 'Reads well', measurable: null },
      { criterion: 'Empty measure =>', measurable: null },
    ]);
  });
});

describe('hoursSummary', () => {
  it('puts the actual hours beside the estimate, in minutes when under six', () => {
    expect(hoursSummary(1.25, 2)).toBe('1.3 h of 2 h estimated');
    expect(hoursSummary(0.05, 2)).toBe('3 min of 2 h estimated');
    expect(hoursSummary(null, 1.5)).toBe('0 h of 1.5 h estimated');
    expect(hoursSummary(3, null)).toBe('3 h');
    expect(hoursSummary(null, null)).toBeNull();
  });
});
