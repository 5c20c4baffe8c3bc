import { describe, expect, it } from 'vitest';
import { Redactor, REDACTED } from '../../../../src-main/core/lib/redact';

const SECRET = 'sk-cut-4Fh9Qz2Lw7Xr';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(SECRET);
  return r;
}

/** Every 4-character piece of the secret: none may survive a cut. */
const fragments = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));

function expectNoFragment(text: string): void {
  for (const fragment of fragments) expect(text, `holds "${fragment}"`).not.toContain(fragment);
}

describe('cutting text that holds a secret', () => {
  const cut = 500;
  // The secret starts exactly at the cut, one before, one after, and straddles it in the middle.
  const offsets = [cut - SECRET.length, cut - SECRET.length + 1, cut - 10, cut - 1, cut, cut + 1];

  it.each(offsets)('keeps no piece of a secret starting at %i in the first 500 characters', (at) => {
    const text = 'a'.repeat(at) + SECRET + 'b'.repeat(800);
    const head = redactor().head(text, cut);
    expectNoFragment(head);
    if (at < cut) expect(head).toContain(REDACTED);
    expect(head.length).toBeLessThanOrEqual(cut + REDACTED.length);
  });

  it.each(offsets)('keeps no piece of a secret starting at %i in the last 2,000 characters', (at) => {
    const tailCut = 2_000;
    const text = 'a'.repeat(tailCut + 300 - at) + SECRET + 'b'.repeat(at);
    const tail = redactor().tail(text, tailCut);
    expectNoFragment(tail);
    expect(tail.endsWith('b'.repeat(at))).toBe(true);
  });

  it('masks the beginning of a secret at the end of a text that was cut off there (a byte cap)', () => {
    const text = `output ${SECRET.slice(0, 9)}`;
    expect(redactor().head(text, 500, { truncated: true })).toBe(`output ${REDACTED}`);
    // The same text, complete, is ordinary output and left alone.
    expect(redactor().head(text, 500)).toBe(text);
  });

  it('leaves ordinary text at a cut alone', () => {
    const text = 'x'.repeat(600);
    expect(redactor().head(text, 500)).toBe('x'.repeat(500));
    expect(redactor().tail(text, 500)).toBe('x'.repeat(500));
  });

  it('finds a cut before a secret that would straddle it, or that is still arriving', () => {
    const r = redactor();
    const text = 'a'.repeat(95) + SECRET + 'b';
    expect(r.safeCut(text, 100)).toBe(95);
    expect(r.safeCut(text, 95)).toBe(95);
    expect(r.safeCut(text, 95 + SECRET.length)).toBe(95 + SECRET.length);
    // The text ends inside the secret: the rest has not arrived yet.
    expect(r.safeCut('a'.repeat(95) + SECRET.slice(0, 8), 100)).toBe(95);
    // A piece that only begins like the secret and then goes elsewhere is cut where asked.
    expect(r.safeCut('a'.repeat(95) + SECRET.slice(0, 8) + 'zzzzzzzzzzzzzzzzzzzz', 100)).toBe(100);
  });
});
