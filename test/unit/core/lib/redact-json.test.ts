// What database columns receive: JSON with registered secrets and secret-looking fields masked at
// any depth, while usage counts under names such as inputTokens stay readable.
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../../src-main/core/lib/redact';

describe('redacted JSON', () => {
  it('masks a registered secret at any depth, including ones JSON escapes', () => {
    const redactor = new Redactor();
    redactor.addSecret('sk-"quoted"\\key');
    redactor.addSecret('sk-deep-secret-1');
    let deep: unknown = ['sk-deep-secret-1 at the bottom'];
    for (let i = 0; i < 20; i++) deep = { level: deep };
    const json = redactor.json({ note: 'key sk-"quoted"\\key here', deep });
    expect(json).not.toContain('sk-deep-secret-1');
    expect(json).not.toContain('quoted');
    expect(json).toContain(`${REDACTED} at the bottom`);
  });

  it('masks secret-looking fields but keeps token counts and flags', () => {
    const redactor = new Redactor();
    const value = {
      apiKey: 'abc',
      headers: { authorization: 'Basic Zm9vOmJhcg==', cookie: { session: 'x' } },
      usage: { inputTokens: 12, output_tokens: 7, max_tokens: 100 },
      token_required: false,
    };
    expect(JSON.parse(redactor.json(value))).toEqual({
      apiKey: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED },
      usage: { inputTokens: 12, output_tokens: 7, max_tokens: 100 },
      token_required: false,
    });
    expect(redactor.value(value)).toEqual(JSON.parse(redactor.json(value)));
  });

  it('masks what only shows once unescaped: a secret with a newline, a bearer token after a line break', () => {
    const redactor = new Redactor();
    redactor.addSecret('line one\nline two');
    expect(JSON.parse(redactor.json({ out: 'got line one\nline two back' }))).toEqual({ out: `got ${REDACTED} back` });
    expect(JSON.parse(redactor.json({ header: 'Bearer\n  abcdefgh12345678' }))).toEqual({
      header: `Bearer\n  ${REDACTED}`,
    });
  });

  it('writes a value with nothing to mask exactly as JSON.stringify does', () => {
    const redactor = new Redactor();
    redactor.addSecret('sk-not-in-here');
    const value = { input: { ms: 0, argv: ['echo', 'hi "there"'] }, attempt: 1, output: { waited_ms: 0 }, n: null };
    expect(redactor.json(value)).toBe(JSON.stringify(value));
    expect(redactor.json([1, 'two', { three: 3 }])).toBe('[1,"two",{"three":3}]');
  });
});
