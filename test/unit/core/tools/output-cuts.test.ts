// A known secret printed by a real child process never survives a cut of its output in a piece:
// not at the split of an overlong log line, not at the output cap, not at the start of the stderr
// tail an error quotes. The secret is placed exactly at each cut, one before and one after, and
// written in two halves so that it crosses a boundary between stdout chunks.
import { describe, expect, it } from 'vitest';
import { shellExec } from '../../../../src-main/core/tools/shell';
import { OUTPUT_CAP_BYTES } from '../../../../src-main/core/tools/output-capture';
import { failureOf, testContext } from './tool-context';

const SECRET = 'sk-live-Zt8Wq3Nf6Hy1Pd5Rk';
const LINE_SPLIT = 64 * 1024;

/** Every 8-character piece of the secret. */
const fragments = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));

function leaked(text: string): string[] {
  return fragments.filter((f) => text.includes(f));
}

/**
 * A node program that writes `before`, then the first half of the secret, waits so the pipe hands it
 * over as its own chunk, then the second half and `after`, to the given stream; then exits with `code`.
 */
function printer(options: { before: number; after: number; stream?: 'stdout' | 'stderr'; code?: number }): string[] {
  const script = `
    const [before, after, stream, code, secret] = process.argv.slice(1);
    const out = process[stream];
    const half = Math.floor(secret.length / 2);
    out.write('a'.repeat(Number(before)) + secret.slice(0, half), () =>
      setTimeout(() => out.write(secret.slice(half) + 'b'.repeat(Number(after)), () => process.exit(Number(code))), 60));`;
  return [
    process.execPath,
    '-e',
    script,
    String(options.before),
    String(options.after),
    options.stream ?? 'stdout',
    String(options.code ?? 0),
    SECRET,
  ];
}

const around = (cut: number): number[] => [cut - SECRET.length, cut - 10, cut - 1, cut, cut + 1];

describe('output cut with a secret at the cut', () => {
  it.each(around(LINE_SPLIT))(
    'logs an overlong line in pieces with no piece of a secret starting at %i',
    async (at) => {
      const t = testContext({ secrets: { key: SECRET } });
      const result = await shellExec.execute({ argv: printer({ before: at, after: 100 }) }, t.context);
      const pieces = t.messages('stdout');
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join('')).toBe(result.stdout);
      // The run log masks each piece as it writes it; no piece may hold a fragment it cannot see.
      expect(leaked(pieces.map((p) => t.redactor.text(p)).join('\n'))).toEqual([]);
    },
  );

  it.each(around(OUTPUT_CAP_BYTES))('keeps no piece of a secret starting at byte %i at the output cap', async (at) => {
    const t = testContext({ secrets: { key: SECRET } });
    const result = await shellExec.execute({ argv: printer({ before: at, after: 100 }) }, t.context);
    expect(result.stdout).toContain('[output truncated:');
    expect(leaked(t.redactor.text(result.stdout))).toEqual([]);
    expect(
      leaked(
        t
          .messages('stdout')
          .map((p) => t.redactor.text(p))
          .join('\n'),
      ),
    ).toEqual([]);
  });

  it.each(around(2_000))(
    'quotes a stderr tail with no piece of a secret starting %i characters before the end',
    async (fromEnd) => {
      const t = testContext({ secrets: { key: SECRET } });
      const after = fromEnd - SECRET.length;
      const argv = printer({ before: 5_000, after: Math.max(0, after), stream: 'stderr', code: 3 });
      const error = await failureOf(shellExec.execute({ argv }, t.context));
      const tail = String(error.details.stderr_tail);
      expect(tail.length).toBeGreaterThan(1_900);
      expect(leaked(tail)).toEqual([]);
    },
  );
});
