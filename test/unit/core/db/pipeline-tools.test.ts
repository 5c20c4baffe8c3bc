// A card's tools come from its pipeline's text, remembered per text: an unchanged pipeline is not
// parsed on every list, an edited one is read afresh, and what is kept has a bound.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pipelineTools } from '../../../../src-main/core/db/repos/pipeline-tools';

afterEach(() => vi.restoreAllMocks());

const pipeline = (...uses: Array<string | undefined>) =>
  JSON.stringify({ steps: uses.map((u, i) => ({ id: `s${i}`, ...(u ? { uses: u } : {}) })) });

describe('pipelineTools', () => {
  it('names each tool once, in the order the steps first use it, skipping steps without one', () => {
    expect(pipelineTools(pipeline('shell.exec', 'wait', undefined, 'shell.exec', 'llm.text'))).toEqual([
      'shell.exec',
      'wait',
      'llm.text',
    ]);
    expect(pipelineTools('{"steps":[]}')).toEqual([]);
    expect(pipelineTools('{}')).toEqual([]);
  });

  it('parses an unchanged pipeline once and an edited one afresh', () => {
    const before = pipeline('http.request', 'notify');
    const after = pipeline('http.request', 'git');
    const parse = vi.spyOn(JSON, 'parse');
    expect(pipelineTools(before)).toEqual(['http.request', 'notify']);
    expect(pipelineTools(before)).toEqual(['http.request', 'notify']);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(pipelineTools(after)).toEqual(['http.request', 'git']);
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('gives each caller its own list, so changing one card cannot change the next', () => {
    const text = pipeline('file.read');
    pipelineTools(text).push('changed');
    pipelineTools(text).push('changed');
    expect(pipelineTools(text)).toEqual(['file.read']);
  });

  it('forgets the oldest pipelines once it keeps two million characters of them', () => {
    const first = pipeline('first.tool');
    pipelineTools(first);
    const filler = 'x'.repeat(100_000);
    for (let i = 0; i < 21; i++) pipelineTools(JSON.stringify({ filler: `${i}${filler}`, steps: [] }));
    const parse = vi.spyOn(JSON, 'parse');
    expect(pipelineTools(first)).toEqual(['first.tool']);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
