import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conditionProblems,
  ConditionError,
  evaluateCondition,
  isTruthy,
  recordSkippedStep,
  stepsReadBy,
} from '../../../../src-main/core/pipeline/condition';
import { runDetails } from '../../../../src-main/core/queue/status';
import { addTask, appendStep, drain, queueRun, runStatus, startedQueue } from '../queue/worker-harness';
import type { TemplateScope } from '../../../../src-main/core/pipeline/template';

const scope: TemplateScope = {
  params: { enabled: true, empty: '', city: 'Denver', limit: 2 },
  steps: { first: { exit_code: 0, stdout: 'ok\n', items: [] }, skipped: null },
  run: { id: 'run-1', attempt: 1, trigger: 'manual' },
  task: { id: 'task-1', title: 'Briefing', type: 'general' },
  now: '2026-11-23T15:30:00.000Z',
};

const names = {
  params: new Set(['enabled', 'city']),
  stepsBefore: new Set(['first']),
  allSteps: new Set(['first', 'later']),
};

describe('conditions', () => {
  it('is true or false as JMESPath defines truth', () => {
    expect(evaluateCondition('params.enabled', scope)).toBe(true);
    expect(evaluateCondition('steps.first.exit_code == `0`', scope)).toBe(true);
    expect(evaluateCondition("params.city == 'Boulder'", scope)).toBe(false);
    expect(evaluateCondition('params.empty', scope)).toBe(false);
    expect(evaluateCondition('steps.first.items', scope)).toBe(false);
    expect(evaluateCondition('steps.skipped', scope)).toBe(false);
    expect(evaluateCondition('params.missing', scope)).toBe(false);
    expect(evaluateCondition('length(steps.first.stdout) > `0` && run.attempt < params.limit', scope)).toBe(true);
    expect(evaluateCondition("contains(task.title, 'Brief')", scope)).toBe(true);
  });

  it('treats empty string, list and object, false and null as false; all else true', () => {
    expect([false, null, '', [], {}].map(isTruthy)).toEqual([false, false, false, false, false]);
    expect([true, 0, 'x', [0], { a: 1 }].map(isTruthy)).toEqual([true, true, true, true, true]);
  });

  it('fails with the expression when JMESPath cannot evaluate it', () => {
    expect(() => evaluateCondition('length(`1`)', scope)).toThrow(ConditionError);
    expect(() => evaluateCondition('steps.[', scope)).toThrow(/^if steps\.\[: /);
  });

  it('reports invalid syntax on write', () => {
    expect(conditionProblems('steps.first.exit_code ==', names)).toEqual([
      expect.stringMatching(/^is not a valid JMESPath expression: /),
    ]);
  });

  it('reports names outside the run context, undeclared params and steps that do not run before', () => {
    expect(conditionProblems('enabled', names)).toEqual([
      '"enabled" is not in the run context (params, steps, run, task, now, context)',
    ]);
    expect(conditionProblems('steps.first.exit_code == null', names)).toEqual([
      'null is read as a field name; write the literal in backticks: `null`',
    ]);
    expect(conditionProblems('params.verbose', names)).toEqual([
      'params.verbose refers to param "verbose", which the pipeline does not declare',
    ]);
    expect(conditionProblems('steps.later.ok || steps.nowhere.ok', names)).toEqual([
      'steps.later refers to step "later", which does not run before this step',
      'steps.nowhere refers to step "nowhere", which does not exist',
    ]);
    expect(conditionProblems('steps.first.exit_code == `0` && params.enabled', names)).toEqual([]);
  });

  it('does not read fields inside projections as run-context names', () => {
    expect(conditionProblems('steps.first.items[?name == `x`]', names)).toEqual([]);
    expect(conditionProblems('steps.first.items[*].steps', names)).toEqual([]);
    expect(stepsReadBy('steps.first.items[?steps.other] || steps.later.ok')).toEqual(['first', 'later']);
  });
});

describe('skipped steps', () => {
  const pipeline = (file: string) => ({
    params: { go: { type: 'boolean', default: true } },
    steps: [{ ...appendStep('maybe', file, 'a'), if: 'params.go' }, appendStep('always', file, 'b')],
  });

  it('runs a step whose if is true', async () => {
    const q = startedQueue();
    const file = join(q.dir, 'out');
    const run = queueRun(q, addTask(q, { pipeline: pipeline(file) }));
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');
    expect(readFileSync(file, 'utf8')).toBe('ab');
  });

  it('keeps a step skipped on resume once its skip is recorded, even when its if is now true', async () => {
    const q = startedQueue();
    const file = join(q.dir, 'out');
    const task = addTask(q, { pipeline: pipeline(file) });
    const run = queueRun(q, task);
    // What an earlier execution of this run wrote when params.go was false, before it was interrupted.
    const at = { projectId: null, taskId: task, runId: run, stepIndex: 0, stepId: 'maybe' };
    await recordSkippedStep(q.store, { at, condition: 'params.go', now: q.clock.now() });
    await drain(q);
    expect(runStatus(q, run)).toBe('succeeded');
    expect(readFileSync(file, 'utf8')).toBe('b');
    const details = runDetails(q.store, run);
    expect(details.steps.map((s) => [s.stepId, s.status, s.output])).toEqual([
      ['maybe', 'skipped', null],
      ['always', 'complete', expect.objectContaining({ exit_code: 0 })],
    ]);
    expect(q.store.checkpoints.listForRun(run)[0]?.stateSnapshot).toMatchObject({
      skipped: true,
      condition: 'params.go',
    });
    expect(details.logs.map((l) => l.message)).toContain('Step maybe skipped: if params.go was false');
  });
});
