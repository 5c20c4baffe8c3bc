import { describe, expect, it } from 'vitest';
import { dryRunPipeline } from '../../../../src-main/core/pipeline/dry-run';
import type { ToolLookup } from '../../../../src-main/core/pipeline/spec';
import { findTool, runTool } from '../../../../src-main/core/tools/registry';

const deps = { lookup: findTool, now: Date.parse('2026-11-23T15:30:00Z'), timezone: 'America/Denver' };

describe('dry runs check rendered inputs against the tool input schema', () => {
  const pacing = {
    params: { delay: { type: 'string', default: 'notanumber' } },
    steps: [
      { id: 'hello', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } },
      { id: 'pause', uses: 'wait', with: { ms: '${params.delay}' } },
    ],
  };

  it('reports a param that renders to a string where the tool wants a number, with the step path', async () => {
    const result = dryRunPipeline({ pipeline: pacing }, deps);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ path: 'steps[1].with.ms', message: 'expected number, received string' }]);
    expect(result.steps[1]).toMatchObject({
      id: 'pause',
      input: { ms: 'notanumber' },
      error: 'with.ms: expected number, received string',
    });
    expect(result.steps[0]!.error).toBeNull();
    // The real run refuses the same input; runTool checks it before it uses any of the context.
    const wait = findTool('wait')!;
    await expect(runTool(wait, { ms: 'notanumber' }, { stepId: 'pause' } as never)).rejects.toThrow(
      /steps\.pause\.with: ms: .*expected number, received string/,
    );
  });

  it('passes the same pipeline when the param renders to a valid value', () => {
    const pipeline = { ...pacing, params: { delay: { type: 'number', default: 250 } } };
    const result = dryRunPipeline({ pipeline }, deps);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.steps[1]!.input).toEqual({ ms: 250 });
  });

  it('does not judge a value that holds a step output the dry run does not have', () => {
    const pipeline = {
      steps: [
        { id: 'count', uses: 'shell.exec', with: { argv: ['echo', '5'] } },
        { id: 'pause', uses: 'wait', with: { ms: '${steps.count.exit_code}' } },
      ],
    };
    const result = dryRunPipeline({ pipeline }, deps);
    expect(result.issues).toEqual([]);
    expect(result.steps[1]!.input).toEqual({ ms: '<steps.count.exit_code>' });
    const given = dryRunPipeline({ pipeline, outputs: { count: { exit_code: 'zero' } } }, deps);
    expect(given.issues).toEqual([{ path: 'steps[1].with.ms', message: 'expected number, received string' }]);
  });

  it('does not check a step its condition skips', () => {
    const pipeline = {
      params: { delay: { type: 'string', default: 'soon' }, go: { type: 'boolean', default: false } },
      steps: [{ id: 'pause', uses: 'wait', if: 'params.go', with: { ms: '${params.delay}' } }],
    };
    const result = dryRunPipeline({ pipeline }, deps);
    expect(result.ok).toBe(true);
    expect(result.steps[0]).toMatchObject({ skipped: true, error: null });
  });

  it('checks an MCP tool against the JSON Schema its server lists', () => {
    const lookup: ToolLookup = (name) =>
      name === 'mcp.notes.add'
        ? {
            inputSchema: {
              type: 'object',
              properties: { title: { type: 'string' }, count: { type: 'integer' } },
              required: ['title'],
            },
          }
        : findTool(name);
    const pipeline = {
      params: { n: { type: 'string', default: 'five' } },
      steps: [{ id: 'note', uses: 'mcp.notes.add', with: { title: 'T', count: '${params.n}' } }],
    };
    const result = dryRunPipeline({ pipeline }, { ...deps, lookup });
    expect(result.issues).toEqual([{ path: 'steps[0].with.count', message: 'expected number, received string' }]);
  });
});
