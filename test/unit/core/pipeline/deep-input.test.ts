import { afterEach, describe, expect, it } from 'vitest';
import {
  ConditionError,
  conditionProblems,
  evaluateCondition,
  MAX_CONDITION_DEPTH,
} from '../../../../src-main/core/pipeline/condition';
import { MAX_NESTING, tooDeepAt } from '../../../../src-main/core/lib/nesting';
import type { TemplateScope } from '../../../../src-main/core/pipeline/template';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

// Input nested thousands of levels deep used to overflow the stack of the recursive code walking
// it and come back as a 500 "Maximum call stack size exceeded" (or bring a call down entirely).

const N = 20_000;
const deepConditions: Record<string, string> = {
  parentheses: `${'('.repeat(N)}params${')'.repeat(N)}`,
  negations: `${'!'.repeat(N)}params`,
  lists: `${'['.repeat(N)}params${']'.repeat(N)}`,
  subexpressions: Array<string>(N).fill('params').join('.'),
  pipes: Array<string>(N).fill('params').join(' | '),
  indexes: `params${'[0]'.repeat(N)}`,
};
const names = { params: new Set<string>(), stepsBefore: new Set<string>(), allSteps: new Set<string>() };
const scope = { params: {}, steps: {}, run: {}, task: {}, now: '' } as unknown as TemplateScope;

let t: TestRuntime | undefined;
afterEach(async () => {
  await t?.runtime.stop();
  t = undefined;
});

describe('conditions nested too deeply', () => {
  it.each(Object.entries(deepConditions))('refuses %s nested 20,000 deep on write, saying so', (_, expression) => {
    expect(conditionProblems(expression, names)).toEqual([`is nested more than ${MAX_CONDITION_DEPTH} levels deep`]);
  });

  it.each(Object.entries(deepConditions))(
    'fails %s nested 20,000 deep at run time with a ConditionError',
    (_, expression) => {
      let thrown: unknown;
      try {
        evaluateCondition(expression, scope);
      } catch (error) {
        thrown = error;
      }
      expect(ConditionError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toContain(`nested more than ${MAX_CONDITION_DEPTH} levels deep`);
    },
  );

  it('accepts and evaluates a condition nested as deeply as allowed', () => {
    const depth = MAX_CONDITION_DEPTH - 1;
    const expression = `${'!'.repeat(depth)}\`true\``;
    expect(conditionProblems(expression, names)).toEqual([]);
    expect(evaluateCondition(expression, scope)).toBe(depth % 2 === 0);
  });
});

describe('API input nested too deeply', () => {
  it('refuses a 20,000-deep `if` in tasks.create and pipelines.validate with a 400 naming the field', async () => {
    t = await startedTestRuntime();
    const pipeline = { steps: [{ id: 'a', uses: 'wait', with: { ms: 1 }, if: deepConditions.parentheses }] };
    const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: 'Deep', pipeline }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([
      { path: 'pipeline.steps[0].if', message: `is nested more than ${MAX_CONDITION_DEPTH} levels deep` },
    ]);
    const validated = await t.runtime.api.call('pipelines.validate', { pipeline });
    expect(validated.issues).toEqual([
      { path: 'steps[0].if', message: `is nested more than ${MAX_CONDITION_DEPTH} levels deep` },
    ]);
  });

  it('refuses pipeline text (JSON or YAML) nested 20,000 deep, naming where', async () => {
    t = await startedTestRuntime();
    const deepJson = `{"steps":[{"id":"a","uses":"wait","with":{"ms":1,"x":${'['.repeat(N)}${']'.repeat(N)}}}]}`;
    const fromJson = await t.runtime.api.call('pipelines.validate', { pipeline: deepJson });
    expect(fromJson.ok).toBe(false);
    expect(fromJson.issues[0]!.message).toContain(
      `is nested more than ${MAX_NESTING} levels deep (at steps[0].with.x[0]`,
    );
    const deepYaml = `steps:\n  - id: a\n    uses: wait\n    with: { ms: 1, x: ${'['.repeat(N)}${']'.repeat(N)} }\n`;
    const fromYaml = await t.runtime.api.call('pipelines.validate', { pipeline: deepYaml });
    expect(fromYaml.ok).toBe(false);
    expect(fromYaml.issues[0]!.message).toContain(`is nested more than ${MAX_NESTING} levels deep`);
    const error = await appErrorOf(t.runtime.api.invoke('tasks.create', { title: 'Deep', pipeline: deepJson }));
    expect(error.message).toContain('pipeline: is nested more than');
  });

  it('refuses any call whose input object nests deeper than the limit, naming the path', async () => {
    t = await startedTestRuntime();
    let x: unknown = 1;
    for (let i = 0; i < N; i++) x = [x];
    const pipeline = { steps: [{ id: 'a', uses: 'wait', with: { ms: 1, x } }] };
    const error = await appErrorOf(t.runtime.api.invoke('pipelines.validate', { pipeline }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('Invalid input for pipelines.validate: pipeline.steps[0].with.x[0]');
    expect(error.message).toContain(`is nested more than ${MAX_NESTING} levels deep`);
  });
});

describe('tooDeepAt', () => {
  it('finds the first path past the limit without recursing', () => {
    let x: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) x = { a: x };
    expect(tooDeepAt(x, 3)).toEqual(['a', 'a', 'a']);
    expect(tooDeepAt({ a: { b: [1] } }, 3)).toBeNull();
    expect(tooDeepAt({ a: { b: [[1]] } }, 3)).toEqual(['a', 'b', 0]);
  });
});
