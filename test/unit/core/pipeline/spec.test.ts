import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/core/lib/errors';
import {
  assertValidPipeline,
  paramIssues,
  paramsWithDefaults,
  validatePipeline,
} from '../../../../src-main/core/pipeline/spec';
import type { ToolLookup } from '../../../../src-main/core/pipeline/spec-tool-schemas';
import { findTool } from '../../../../src-main/core/tools/registry';

const echo = (id: string, ...args: string[]) => ({ id, uses: 'shell.exec', with: { argv: ['echo', ...args] } });
const validate = (pipeline: unknown, lookup: ToolLookup = findTool) => validatePipeline(pipeline, lookup);
const issuesOf = (pipeline: unknown, lookup?: ToolLookup) => validate(pipeline, lookup).issues;

describe('pipeline spec: reading', () => {
  const yamlText = `
params:
  city: { type: string, default: Denver }
steps:
  - id: first
    uses: shell.exec
    with:
      argv: [echo, "\${params.city}"]
  - id: second
    uses: shell.exec
    if: steps.first.exit_code == \`0\`
    with:
      argv: [echo, "\${steps.first.stdout}"]
`;
  const object = {
    params: { city: { type: 'string', default: 'Denver' } },
    steps: [
      echo('first', '${params.city}'),
      {
        id: 'second',
        uses: 'shell.exec',
        if: 'steps.first.exit_code == `0`',
        with: { argv: ['echo', '${steps.first.stdout}'] },
      },
    ],
  };

  it('reads YAML, JSON text and an object to the same normalised pipeline', () => {
    const fromYaml = validate(yamlText);
    const fromJson = validate(JSON.stringify(object, null, 2));
    const fromObject = validate(object);
    expect(fromYaml).toEqual({ ok: true, pipeline: object, issues: [] });
    expect(fromJson).toEqual(fromYaml);
    expect(fromObject).toEqual(fromYaml);
  });

  it('reads blank text as the empty pipeline', () => {
    expect(validate('  \n')).toEqual({ ok: true, pipeline: { steps: [] }, issues: [] });
  });

  it('reports text that is neither JSON nor YAML at the root, with its position', () => {
    expect(issuesOf('{"steps": [}')).toEqual([{ path: '', message: expect.stringMatching(/^is not valid JSON: /) }]);
    expect(issuesOf('steps:\n  - id: a\n   uses: x\n')).toEqual([
      { path: '', message: expect.stringMatching(/^is not valid YAML: .*line 3/) },
    ]);
    expect(issuesOf('steps: [1, 2]\nsteps: []\n')).toEqual([
      { path: '', message: expect.stringMatching(/^is not valid YAML: Map keys must be unique/) },
    ]);
  });
});

describe('pipeline spec: bad specs, each with its path', () => {
  it('names a tool that does not exist', () => {
    expect(issuesOf({ steps: [echo('a'), { id: 'b', uses: 'shel.exec', with: { argv: ['x'] } }] })).toEqual([
      { path: 'steps[1].uses', message: 'there is no tool named "shel.exec"' },
    ]);
  });

  it('checks with against the tool input schema: missing, unknown and mistyped fields', () => {
    expect(
      issuesOf({
        steps: [
          echo('ok'),
          { id: 'nothing', uses: 'shell.exec', with: {} },
          { id: 'typo', uses: 'shell.exec', with: { argv: ['ls'], cwdir: '/tmp' } },
          { id: 'types', uses: 'shell.exec', with: { argv: ['ls', 3], timeout_ms: 'soon' } },
          { id: 'nested', uses: 'shell.exec', with: { argv: ['ls'], env: { 'BAD NAME': 'x' } } },
        ],
      }),
    ).toEqual([
      { path: 'steps[1].with.argv', message: 'missing' },
      { path: 'steps[2].with.cwdir', message: 'unknown field' },
      { path: 'steps[3].with.argv[1]', message: 'expected string, received number' },
      { path: 'steps[3].with.timeout_ms', message: 'expected number, received string' },
      { path: 'steps[4].with.env.BAD NAME', message: expect.stringMatching(/letters, digits and _/) },
    ]);
  });

  it('leaves the type of a template value to run time', () => {
    const result = validate({
      params: { ms: { type: 'number', default: 10 }, args: { type: 'array', default: ['a'] } },
      steps: [
        { id: 'a', uses: 'shell.exec', with: { argv: '${params.args}', timeout_ms: '${params.ms}' } },
        { id: 'b', uses: 'wait', with: { ms: '${params.ms}' } },
      ],
    });
    expect(result.issues).toEqual([]);
  });

  it('does not hold the run control keys of with against the tool', () => {
    expect(
      issuesOf({ steps: [{ ...echo('a'), with: { argv: ['x'], expires_in: '2h', min_confidence: 0.8 } }] }),
    ).toEqual([]);
  });

  it('rejects duplicate step ids and duplicate output names', () => {
    expect(issuesOf({ steps: [echo('a'), echo('b'), echo('a')] })).toEqual([
      { path: 'steps[2].id', message: '"a" is used by an earlier step' },
    ]);
    expect(issuesOf({ steps: [echo('a'), { ...echo('b'), save_as: 'a' }] })).toEqual([
      { path: 'steps[1].save_as', message: '"a" is already the output name of steps[0]' },
    ]);
  });

  it('reports shape errors and still checks the well-formed steps', () => {
    expect(
      issuesOf({
        steps: [
          { id: 'a', uses: '' },
          { id: '1bad', uses: 'shell.exec', with: { argv: ['x'] } },
          { id: 'c', uses: 'shell.exec', 'save-as': 'x', with: { argv: ['x'] } },
          { uses: 'shell.exec' },
          { id: 'e', uses: 'nope' },
        ],
      }),
    ).toEqual([
      { path: 'steps[0].uses', message: 'is required' },
      { path: 'steps[1].id', message: 'must start with a letter and hold only letters, digits, _ and -' },
      { path: 'steps[2]', message: 'unknown field "save-as"' },
      { path: 'steps[3].id', message: 'missing' },
      { path: 'steps[4].uses', message: 'there is no tool named "nope"' },
    ]);
    expect(issuesOf({ stpes: [] })).toEqual([
      { path: 'steps', message: 'missing' },
      { path: '', message: 'unknown field "stpes"' },
    ]);
    expect(issuesOf('just text')).toEqual([{ path: '', message: 'must be an object with steps' }]);
  });

  it('checks params: known types and defaults of the declared type', () => {
    expect(
      issuesOf({
        params: { count: { type: 'number', default: 'three' }, when: { type: 'date' } },
        steps: [],
      }),
    ).toEqual([
      { path: 'params.count.default', message: 'must be a number, not a string' },
      { path: 'params.when.type', message: 'must be one of string, number, boolean, object, array' },
    ]);
  });
});

describe('pipeline spec: template references', () => {
  it('rejects a reference to a step that runs later or does not exist', () => {
    expect(
      issuesOf({
        steps: [
          echo('first', '${steps.second.stdout}'),
          echo('second', '${steps.draft.text}'),
          echo('third', '${steps.third.stdout}'),
        ],
      }),
    ).toEqual([
      {
        path: 'steps[0].with.argv[1]',
        message: '${steps.second.stdout} refers to step "second", which does not run before this step',
      },
      { path: 'steps[1].with.argv[1]', message: '${steps.draft.text} refers to step "draft", which does not exist' },
      {
        path: 'steps[2].with.argv[1]',
        message: '${steps.third.stdout} refers to step "third", which does not run before this step',
      },
    ]);
  });

  it('rejects undeclared params, unknown run and task fields, and bad template syntax', () => {
    expect(
      issuesOf({
        params: { city: { type: 'string' } },
        steps: [
          echo('a', '${params.town}', '${run.owner}', '${task.title}', '${params.city}'),
          echo('b', 'x ${steps.a.stdout'),
          echo('c', '${shout(now)}'),
        ],
      }),
    ).toEqual([
      {
        path: 'steps[0].with.argv[1]',
        message: '${params.town} refers to param "town", which the pipeline does not declare',
      },
      { path: 'steps[0].with.argv[2]', message: '${run.owner}: run has the fields id, attempt, trigger' },
      { path: 'steps[1].with.argv[1]', message: expect.stringMatching(/has no closing "}"/) },
      { path: 'steps[2].with.argv[1]', message: expect.stringMatching(/there is no helper named "shout"/) },
    ]);
  });

  it('checks the output field a reference reads against the tool output schema', () => {
    expect(issuesOf({ steps: [echo('first'), echo('second', '${steps.first.stdot}')] })).toEqual([
      {
        path: 'steps[1].with.argv[1]',
        message:
          '${steps.first.stdot} refers to "stdot", which step "first" (shell.exec) does not return; it returns exit_code, stdout, stderr, duration_ms',
      },
    ]);
  });

  it('names the save_as when a reference uses the id of a step saved under another name', () => {
    expect(
      issuesOf({ steps: [{ ...echo('first'), save_as: 'greeting' }, echo('b', '${steps.first.stdout}')] }),
    ).toEqual([
      {
        path: 'steps[1].with.argv[1]',
        message: '${steps.first.stdout} refers to step "first", whose output is saved as "greeting"',
      },
    ]);
    expect(
      issuesOf({ steps: [{ ...echo('first'), save_as: 'greeting' }, echo('b', '${steps.greeting.stdout}')] }),
    ).toEqual([]);
  });

  it('checks if: JMESPath syntax and the names it reads', () => {
    expect(
      issuesOf({
        steps: [
          { ...echo('a'), if: 'steps.a.exit_code == `0`' },
          { ...echo('b'), if: 'steps.a.exit_code ==' },
          { ...echo('c'), if: 'steps.a.exit_code == `0` && params.go' },
        ],
      }),
    ).toEqual([
      { path: 'steps[0].if', message: 'steps.a refers to step "a", which does not run before this step' },
      { path: 'steps[1].if', message: expect.stringMatching(/^is not a valid JMESPath expression: /) },
      { path: 'steps[2].if', message: 'params.go refers to param "go", which the pipeline does not declare' },
    ]);
  });
});

describe('pipeline spec: tools described by JSON Schema', () => {
  // Tools of MCP servers come with JSON Schemas instead of zod; this lookup stands in for the
  // runtime's, which also knows the configured servers' tools.
  const lookup: ToolLookup = (name) =>
    name === 'mcp.files.search'
      ? { inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } }
      : findTool(name);

  it('checks required fields only', () => {
    expect(
      issuesOf(
        {
          steps: [
            { id: 'a', uses: 'mcp.files.search', with: { query: 'x', anything: 1 } },
            { id: 'b', uses: 'mcp.files.search', with: { limit: 3 } },
            { id: 'c', uses: 'mcp.other.tool' },
          ],
        },
        lookup,
      ),
    ).toEqual([
      { path: 'steps[1].with.query', message: 'missing' },
      { path: 'steps[2].uses', message: 'there is no tool named "mcp.other.tool"' },
    ]);
  });
});

describe('pipeline spec: API errors and params', () => {
  it('throws validation_failed with every issue under pipeline.', () => {
    let error: unknown;
    try {
      assertValidPipeline({ steps: [{ id: 'a', uses: 'shell.exec' }] }, findTool, 'tasks.create');
    } catch (e) {
      error = e;
    }
    expect(AppError.isInstance(error) && error.code).toBe('validation_failed');
    expect((error as AppError).message).toBe('Invalid input for tasks.create: pipeline.steps[0].with.argv: missing');
    expect((error as AppError).details).toEqual({
      call: 'tasks.create',
      issues: [{ path: 'pipeline.steps[0].with.argv', message: 'missing' }],
    });
  });

  it('fills defaults and checks given params', () => {
    const params = {
      city: { type: 'string' as const, default: 'Denver' },
      count: { type: 'number' as const, required: true },
    };
    expect(paramsWithDefaults(params, { count: 2 })).toEqual({ city: 'Denver', count: 2 });
    expect(paramsWithDefaults(params, { city: 'Boulder' })).toEqual({ city: 'Boulder' });
    expect(paramIssues(params, {})).toEqual([{ path: 'params.count', message: 'missing' }]);
    expect(paramIssues(params, { count: '2', extra: 1 })).toEqual([
      { path: 'params.count', message: 'must be a number, not a string' },
      { path: 'params.extra', message: 'is not a param of this pipeline' },
    ]);
  });
});
