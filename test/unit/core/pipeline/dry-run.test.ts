import { describe, expect, it } from 'vitest';
import { dryRunPipeline } from '../../../../src-main/core/pipeline/dry-run';
import { findTool } from '../../../../src-main/core/tools/registry';

// 2026-11-23 15:30 UTC: 8:30 AM MST.
const deps = { lookup: findTool, now: Date.parse('2026-11-23T15:30:00Z'), timezone: 'America/Denver' };

const pipeline = {
  params: {
    city: { type: 'string', default: 'Denver' },
    verbose: { type: 'boolean', default: false },
    who: { type: 'string', required: true },
  },
  steps: [
    { id: 'fetch', uses: 'shell.exec', with: { argv: ['curl', 'https://example.test/${params.city}'] } },
    {
      id: 'summarise',
      uses: 'shell.exec',
      if: 'steps.fetch.exit_code == `0`',
      with: { argv: ['echo', '${task.title} for ${params.who}: ${steps.fetch.stdout}'] },
    },
    { id: 'debug', uses: 'shell.exec', if: 'params.verbose', with: { argv: ['echo', '${steps.fetch}'] } },
    { id: 'stamp', uses: 'shell.exec', with: { argv: ['echo', '${datetime(now)}', '${run.id}'] } },
  ],
};

describe('dry runs', () => {
  it('renders each step with sample params and shows outputs it does not have as placeholders', () => {
    const result = dryRunPipeline({ pipeline, params: { who: 'Ann' }, task: { title: 'Briefing' } }, deps);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.steps).toEqual([
      {
        id: 'fetch',
        uses: 'shell.exec',
        condition: null,
        skipped: false,
        input: { argv: ['curl', 'https://example.test/Denver'] },
        error: null,
      },
      {
        id: 'summarise',
        uses: 'shell.exec',
        condition: {
          expression: 'steps.fetch.exit_code == `0`',
          passed: null,
          note: 'decided at run time: reads the output of step "fetch"',
        },
        skipped: false,
        input: { argv: ['echo', 'Briefing for Ann: <steps.fetch.stdout>'] },
        error: null,
      },
      {
        id: 'debug',
        uses: 'shell.exec',
        condition: { expression: 'params.verbose', passed: false },
        skipped: true,
        input: null,
        error: null,
      },
      {
        id: 'stamp',
        uses: 'shell.exec',
        condition: null,
        skipped: false,
        input: { argv: ['echo', 'Mon, Nov 23, 8:30 AM MST', 'dry-run'] },
        error: null,
      },
    ]);
  });

  it('uses sample outputs of earlier steps to decide conditions and render references', () => {
    const result = dryRunPipeline(
      {
        pipeline,
        params: { who: 'Ann', verbose: true },
        outputs: { fetch: { exit_code: 1, stdout: 'snow', stderr: '', duration_ms: 5 } },
      },
      deps,
    );
    expect(result.steps.map((s) => [s.id, s.condition?.passed ?? null, s.skipped, s.input])).toEqual([
      ['fetch', null, false, { argv: ['curl', 'https://example.test/Denver'] }],
      ['summarise', false, true, null],
      ['debug', true, false, { argv: ['echo', { exit_code: 1, stdout: 'snow', stderr: '', duration_ms: 5 }] }],
      ['stamp', null, false, expect.anything()],
    ]);
  });

  it('reports params that are missing or of the wrong type, and the template errors they cause', () => {
    const result = dryRunPipeline({ pipeline, params: { city: 7 } }, deps);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      { path: 'params.city', message: 'must be a string, not a number' },
      { path: 'params.who', message: 'missing' },
    ]);
    expect(result.steps[1]?.error).toBe(
      'steps.summarise.with.argv[1]: ${params.who} has no value: the run has no param "who"',
    );
  });

  it('reports a step whose if cannot be evaluated', () => {
    const result = dryRunPipeline(
      { pipeline: { steps: [{ id: 'a', uses: 'wait', if: 'length(`1`)', with: { ms: 1 } }] } },
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.steps[0]).toMatchObject({ error: expect.stringMatching(/^if length\(`1`\): /), input: null });
  });

  it('renders nothing for a pipeline whose shape is wrong, and says why', () => {
    expect(dryRunPipeline({ pipeline: 'steps: 3' }, deps)).toEqual({
      ok: false,
      pipeline: null,
      issues: [{ path: 'steps', message: 'expected array, received number' }],
      steps: [],
    });
  });
});
