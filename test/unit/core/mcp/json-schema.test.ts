// The JSON Schemas MCP servers list, as zod schemas: the subset servers use is converted with its
// field paths; what zod cannot express is checked by the SDK's JSON Schema validator.
import { describe, expect, it } from 'vitest';
import { zodFromJsonSchema } from '../../../../src-main/core/mcp/json-schema';

const issuesOf = (schema: Record<string, unknown>, value: unknown) => {
  const result = zodFromJsonSchema(schema).safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('zodFromJsonSchema', () => {
  const search = {
    type: 'object',
    properties: {
      query: { type: 'string', minLength: 1 },
      limit: { type: 'integer', minimum: 1, maximum: 50 },
      sort: { enum: ['relevance', 'date'] },
      tags: { type: 'array', items: { type: 'string' } },
      filter: {
        type: 'object',
        properties: { since: { type: 'string' } },
        required: ['since'],
        additionalProperties: false,
      },
    },
    required: ['query'],
    $schema: 'http://json-schema.org/draft-07/schema#',
  };

  it('accepts a value that matches, keeping fields the schema does not close off', () => {
    const value = { query: 'ridgeline', limit: 5, sort: 'date', tags: ['a'], filter: { since: '2026-11-01' }, x: 1 };
    expect(zodFromJsonSchema(search).parse(value)).toEqual(value);
  });

  it('names each field that is wrong: type, bounds, enum, items, required and closed objects', () => {
    const issues = issuesOf(search, { limit: 0.5, sort: 'random', tags: [3], filter: { until: 'x' } });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ['query'],
        ['limit'],
        ['sort'],
        ['tags', 0],
        ['filter', 'since'],
        ['filter'], // the unknown key "until" in a closed object
      ]),
    );
    expect(issues.find((i) => i.path[0] === 'filter' && i.path.length === 1)?.message).toMatch(/until/);
  });

  it('checks schemas zod cannot express with the JSON Schema validator, naming the field', () => {
    const conditional = {
      type: 'object',
      properties: { kind: { type: 'string' }, url: { type: 'string' } },
      if: { properties: { kind: { const: 'link' } } },
      then: { required: ['url'] },
    };
    expect(issuesOf(conditional, { kind: 'note' })).toEqual([]);
    expect(issuesOf(conditional, { kind: 'link', url: 'https://example.org' })).toEqual([]);
    const [issue] = issuesOf(conditional, { kind: 'link' });
    expect(issue?.message).toMatch(/does not match its schema: .*url/);
  });
});
