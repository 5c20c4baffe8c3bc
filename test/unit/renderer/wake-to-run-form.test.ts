import { describe, expect, it } from 'vitest';
import {
  errorsFromIssues,
  taskFieldsFrom,
  valuesFromTask,
} from '../../../src-renderer/src/features/task-form/form-values';

describe('wake to run in the task form', () => {
  it('is off for a new task, and sends what the checkbox says', () => {
    const values = valuesFromTask(null, 'UTC');
    expect(values.wakeToRun).toBe(false);
    expect(taskFieldsFrom(values, 'UTC').wakeToRun).toBe(false);
    expect(taskFieldsFrom({ ...values, wakeToRun: true }, 'UTC').wakeToRun).toBe(true);
  });

  it("places the server's issue under the checkbox", () => {
    const { fields, unplaced } = errorsFromIssues([{ path: 'wakeToRun', message: 'must be true or false' }]);
    expect(unplaced).toEqual([]);
    expect(fields.wakeToRun).toBe('Wake the computer for its runs must be true or false');
  });
});
