import { describe, expect, it } from 'vitest';
import { runTool } from '../../../../src-main/core/tools/registry';
import { contextSet, mergePatch, taskProgress, updateAt } from '../../../../src-main/core/tools/task-memory';
import { renderValue, TemplateError } from '../../../../src-main/core/pipeline/template';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { testContext } from './tool-context';

async function refusal(promise: Promise<unknown>): Promise<ToolError> {
  try {
    await promise;
  } catch (error) {
    if (ToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ToolError');
}

describe('context.set changes', () => {
  it('puts a value at a dotted path, creating the objects on the way and keeping the rest', () => {
    const before = { briefing: { last: 'r1', topics: ['a'] }, other: 1 };
    expect(updateAt(before, ['briefing', 'last'], () => 'r2')).toEqual({
      briefing: { last: 'r2', topics: ['a'] },
      other: 1,
    });
    expect(updateAt({}, ['a', 'b', 'c'], () => 3)).toEqual({ a: { b: { c: 3 } } });
    expect(before.briefing.last).toBe('r1');
  });

  it('removes the value at a path when given null', () => {
    expect(updateAt({ a: { b: 1, c: 2 } }, ['a', 'b'], () => null)).toEqual({ a: { c: 2 } });
  });

  it('merges as a JSON merge patch: objects merge, null removes, arrays and scalars replace', () => {
    expect(mergePatch({ a: { x: 1, y: 2 }, list: [1, 2], gone: true }, { a: { y: 3 }, list: [9], gone: null })).toEqual(
      {
        a: { x: 1, y: 3 },
        list: [9],
      },
    );
  });

  it('refuses a write that gives both value and merge, a value without a path, or a bad path, naming the step', async () => {
    const { context } = testContext();
    const both = await refusal(runTool(contextSet, { path: 'a', value: 1, merge: {} }, context));
    expect(both.message).toBe('steps.build.with: (input): give either value (with a path) or merge, not both');
    const noPath = await refusal(runTool(contextSet, { value: 1 }, context));
    expect(noPath.message).toBe('steps.build.with: path: is required with value');
    const badPath = await refusal(runTool(contextSet, { path: 'a..b', value: 1 }, context));
    expect(badPath.message).toContain('steps.build.with: path: must be names joined by dots');
  });

  it('refuses to run outside a task run, where there is no task memory to write', async () => {
    const { context } = testContext();
    const error = await refusal(runTool(taskProgress, { percent: 10, message: 'started' }, context));
    expect(error.message).toBe("task.progress can only run as a step of a task's run");
    const percent = await refusal(runTool(taskProgress, { percent: 120, message: 'too far' }, context));
    expect(percent.message).toBe('steps.build.with: percent: must be at most 100');
  });
});

describe('${context.…} in templates', () => {
  const base = {
    params: {},
    steps: {},
    run: { id: 'r', attempt: 1, trigger: 'manual' },
    task: { id: 't', title: 'T', type: 'general' },
    now: '2026-11-23T15:30:00.000Z',
  };
  const options = { timezone: 'America/Denver', where: 'steps.say.with' };

  it('reads the task context as data, or as text inside a string', () => {
    const scope = { ...base, context: { briefing: { last: 'r1', topics: ['snow', 'roads'] } } };
    expect(renderValue({ topics: '${context.briefing.topics}' }, scope, options)).toEqual({
      topics: ['snow', 'roads'],
    });
    expect(renderValue('since ${context.briefing.last}', scope, options)).toBe('since r1');
  });

  it('renders a placeholder in a dry run, where no context is read', () => {
    expect(renderValue('since ${context.briefing.last}', base, { ...options, placeholderForMissingSteps: true })).toBe(
      'since <context.briefing.last>',
    );
  });

  it('names the missing path when the context does not have it', () => {
    expect(() => renderValue('${context.briefing.last}', { ...base, context: {} }, options)).toThrow(TemplateError);
    expect(() => renderValue('${context.briefing.last}', { ...base, context: {} }, options)).toThrow(
      'steps.say.with: ${context.briefing.last} has no value: the task\'s context has no "briefing"',
    );
  });
});
