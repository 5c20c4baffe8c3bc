import { describe, expect, it } from 'vitest';
import { assessCriteria, completionSummary, criteriaIssues } from '../../../../src-main/core/pipeline/criteria';
import type { TemplateScope } from '../../../../src-main/core/pipeline/template';

const scope = (steps: Record<string, unknown>): TemplateScope => ({
  params: {},
  steps,
  run: { id: 'run-1', attempt: 1, trigger: 'manual' },
  task: { id: 'task-1', title: 'Checks', type: 'general' },
  now: '2026-12-04T15:00:00.000Z',
});

const verify = { id: 'verify', role: 'verifier' as const };
const verdict = (pass: boolean, summary?: string) => ({ object: { pass, confidence: 0.9, issues: [], summary } });

describe('criteria after a run', () => {
  it('marks a measurable that cannot be evaluated not checked, with why', () => {
    const [result] = assessCriteria(
      [{ criterion: 'Fast', measurable: 'abs(steps.t.ms) < `100`' }],
      scope({ t: { ms: 'slow' } }),
      [{ id: 't' }],
    );
    expect(result).toMatchObject({ status: 'not_checked', detail: expect.stringMatching(/^could not be evaluated: /) });
  });

  it('leaves criteria without a measurable to the last verifier, pass or not', () => {
    const results = assessCriteria([{ criterion: 'Clear', measurable: null }], scope({ verify: verdict(false) }), [
      verify,
    ]);
    expect(results).toEqual([
      { criterion: 'Clear', measurable: null, status: 'judged', detail: 'verifier verify did not pass the run' },
    ]);
  });

  it("prefers a step's declared summary to the verifier's, and skips a step that gave none", () => {
    const steps = [{ id: 'report', summary: true }, { id: 'empty', summary: true }, verify];
    const outputs = { report: { text: ' Done: 3 files ' }, empty: null, verify: verdict(true, 'Verifier says fine') };
    expect(completionSummary(steps, outputs)).toBe('Done: 3 files');
    expect(completionSummary([verify], outputs)).toBe('Verifier says fine');
    expect(completionSummary([{ id: 'x' }], { x: { text: 'not declared' } })).toBeNull();
  });

  it('names params the pipeline does not declare, by the criterion path', () => {
    const pipeline = JSON.stringify({ params: { repo: { type: 'string' } }, steps: [{ id: 'a', uses: 'wait' }] });
    expect(
      criteriaIssues(pipeline, [
        { criterion: 'ok', measurable: "params.repo == 'x' && steps.a" },
        { criterion: 'bad', measurable: 'params.branch' },
      ]),
    ).toEqual([
      {
        path: 'successCriteria[1].measurable',
        message: 'params.branch refers to param "branch", which the pipeline does not declare',
      },
    ]);
  });
});
