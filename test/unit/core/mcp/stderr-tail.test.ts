import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { StderrTail } from '../../../../src-main/core/mcp/stderr-tail';

const SECRET = 'ghp_tail9Kd3Vx7Qm2Lz5Wn';
const fragments = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));

function tailWithSecret(): { tail: StderrTail; logged: string[] } {
  const redactor = new Redactor();
  redactor.addSecret(SECRET);
  const logged: string[] = [];
  return { tail: new StderrTail((line) => logged.push(line), redactor), logged };
}

describe('MCP server stderr tail', () => {
  it.each([1000 - SECRET.length, 990, 999, 1000, 1001])(
    'cuts a long line with no piece of a secret starting at %i',
    (at) => {
      const { tail, logged } = tailWithSecret();
      tail.push(`${'a'.repeat(at)}${SECRET}${'b'.repeat(500)}\n`);
      expect(logged).toHaveLength(1);
      for (const f of fragments) expect(logged[0]).not.toContain(f);
    },
  );

  it.each([1000 - SECRET.length, 990, 999, 1000, 1001])(
    'keeps the end of an unfinished line with no piece of a secret starting %i characters before its end',
    (fromEnd) => {
      const { tail } = tailWithSecret();
      tail.push('a'.repeat(3000) + SECRET + 'b'.repeat(Math.max(0, fromEnd - SECRET.length)));
      for (const f of fragments) expect(tail.text()).not.toContain(f);
    },
  );

  it('keeps a secret that arrives in two chunks whole, so the logger can mask it', () => {
    const { tail, logged } = tailWithSecret();
    tail.push(`token ${SECRET.slice(0, 7)}`);
    tail.push(`${SECRET.slice(7)} end\n`);
    expect(logged).toEqual([`token ${SECRET} end`]);
  });
});
