import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { missingParamIssues, paramValueIssues, parseParamValues } from '../../../../src-main/core/pipeline/run-params';

const pipeline = JSON.stringify({
  params: {
    repo: { type: 'string', required: true },
    branch: { type: 'string', required: true, default: 'main' },
    depth: { type: 'number' },
  },
  steps: [],
});

describe('param values checked against the pipeline', () => {
  it('names a required param with no default and no value, and only that one', () => {
    expect(missingParamIssues(pipeline, {})).toEqual([
      { path: 'params.repo', message: 'required, no default and no stored value' },
    ]);
    expect(missingParamIssues(pipeline, { repo: 'ridgeline' })).toEqual([]);
  });

  it('checks types and names but leaves required params to missingParamIssues', () => {
    expect(paramValueIssues(pipeline, { depth: '3', colour: 'red' }, new Redactor())).toEqual([
      { path: 'params.depth', message: 'must be a number, not a string' },
      { path: 'params.colour', message: 'is not a param of this pipeline' },
    ]);
    expect(paramValueIssues(pipeline, {}, new Redactor())).toEqual([]);
  });

  it('refuses the value of a registered secret under any name, and a nested secret-looking field', () => {
    const redactor = new Redactor();
    redactor.addSecret('sk-live-0123456789');
    const withHeaders = JSON.stringify({ params: { repo: { type: 'string' }, opts: { type: 'object' } }, steps: [] });
    expect(
      paramValueIssues(withHeaders, { repo: 'x sk-live-0123456789', opts: { password: 'hunter22' } }, redactor).map(
        (i) => i.path,
      ),
    ).toEqual(['params.repo', 'params.opts']);
    expect(paramValueIssues(withHeaders, { repo: 'ridgeline', opts: { tokens: 5 } }, redactor)).toEqual([]);
  });

  it('reads stored values leniently: anything but a JSON object is no values', () => {
    expect(parseParamValues('{"repo":"ridgeline"}')).toEqual({ repo: 'ridgeline' });
    for (const bad of ['', 'nope', '[1]', 'null', '3']) expect(parseParamValues(bad)).toEqual({});
  });
});
