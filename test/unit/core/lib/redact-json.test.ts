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
});
