// The tool registry: lookup, the JSON Schema catalogue, and runTool's checks on input and output.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, findTool, runTool, toolCatalog } from '../../../../src-main/core/tools/registry';
import { defineTool, ToolError } from '../../../../src-main/core/tools/tool';
import { testContext } from './tool-context';

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  expect(error.kind).toBe('permanent');
  return error.message;
}

describe('tool registry', () => {
  it('finds the built-in tools by name and nothing else', () => {
    expect(builtinTools.map((t) => t.name)).toEqual([
      'shell.exec',
      'wait',
      'llm.generate',
      'llm.structured',
      'http.request',
      'file.read',
      'file.write',
      'git',
      'agent.run',
      'notify.send',
      'task.create',
      'approval.request',
      'task.progress',
      'context.set',
    ]);
    expect(findTool('shell.exec')?.name).toBe('shell.exec');
    expect(findTool('shell')).toBeUndefined();
  });

  it('describes every tool with JSON Schemas for its input and output', () => {
    const shell = toolCatalog().find((entry) => entry.name === 'shell.exec');
    expect(shell?.inputSchema).toMatchObject({
      type: 'object',
      required: ['argv'],
      additionalProperties: false,
      properties: { argv: { type: 'array', minItems: 1, items: { type: 'string' } } },
    });
    expect(shell?.outputSchema).toMatchObject({
      required: expect.arrayContaining(['exit_code', 'stdout', 'stderr', 'duration_ms']),
    });
    const wait = toolCatalog().find((entry) => entry.name === 'wait');
    expect(wait?.inputSchema).toMatchObject({ properties: { until: { type: 'string', format: 'date-time' } } });
  });
});

describe('runTool', () => {
  const shell = findTool('shell.exec')!;
  const wait = findTool('wait')!;
  const { context } = testContext();

  it('names the step and the field when the input is invalid', async () => {
    expect(await messageOf(runTool(shell, { argv: [] }, context))).toBe(
      'steps.build.with: argv: needs at least the program to run',
    );
    expect(await messageOf(runTool(shell, { argv: ['ls', 7] }, context))).toBe(
      'steps.build.with: argv[1]: Invalid input: expected string, received number',
    );
    expect(await messageOf(runTool(shell, { argv: ['ls'], env: { 'A B': 'x' } }, context))).toMatch(
      /^steps\.build\.with: env\["A B"\]: Invalid key in record: environment variable names/,
    );
    expect(await messageOf(runTool(shell, { argv: ['ls'], timeout: 5 }, context))).toBe(
      'steps.build.with: (input): Unrecognized key: "timeout"',
    );
    expect(await messageOf(runTool(wait, { ms: 1, until: '2026-11-23T15:30:00Z' }, context))).toBe(
      'steps.build.with: (input): give either ms or until, not both',
    );
    expect(await messageOf(runTool(wait, { ms: 25 * 60 * 60 * 1000 }, context))).toMatch(
      /^steps\.build\.with: ms: Too big/,
    );
  });

  it('names the tool when its output does not match its schema', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'returns the wrong shape',
      input: z.object({}),
      output: z.object({ count: z.number() }),
      execute: async () => ({ count: 'three' }) as unknown as { count: number },
    });
    expect(await messageOf(runTool(broken, {}, context))).toBe(
      'tool broken returned invalid output: count: Invalid input: expected number, received string',
    );
  });

  it('returns the validated output of a tool that succeeds', async () => {
    await expect(runTool(wait, { ms: 0 }, context)).resolves.toEqual({ waited_ms: expect.any(Number) });
  });
});
