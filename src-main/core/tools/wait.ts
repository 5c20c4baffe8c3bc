// wait: sleeps for a duration or until an instant, on the runtime's Clock, for pacing and tests.
import { z } from 'zod';
import type { Clock } from '../lib/clock';
import { defineTool, ToolError } from './tool';

const DAY_MS = 24 * 60 * 60 * 1000;
// A wait until a wall-clock instant re-reads the clock at least this often, so a clock change or a
// machine that slept neither makes it fire early nor leaves it sleeping long past the instant.
const MAX_SLEEP_MS = 30_000;

export const waitInput = z
  .object({
    ms: z.number().int().min(0).max(DAY_MS).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((input) => (input.ms === undefined) !== (input.until === undefined), 'give either ms or until, not both');

export const waitOutput = z.object({ waited_ms: z.number().nonnegative() });

export const wait = defineTool({
  name: 'wait',
  description: 'Waits for ms milliseconds (at most 24 hours) or until an ISO 8601 instant no more than 24 hours away.',
  input: waitInput,
  output: waitOutput,
  async execute(input, { clock, signal }) {
    const startedAt = clock.now();
    const target = input.until === undefined ? undefined : parseInstant(input.until);
    if (target !== undefined && target - startedAt > DAY_MS) {
      throw new ToolError('permanent', `until ${input.until} is more than 24 hours away`);
    }
    await sleepOn(clock, signal, target === undefined ? { durationMs: input.ms ?? 0 } : { untilMs: target });
    return { waited_ms: Math.max(0, clock.now() - startedAt) };
  },
});

// Date.parse only reads the instant named in the input; it never looks at the clock.
// eslint-disable-next-line no-restricted-globals
const parseInstant = (iso: string): number => Date.parse(iso);

/**
 * A duration runs on one monotonic timer. A wall-clock target is re-checked after each sleep of at
 * most MAX_SLEEP_MS until the clock has reached it.
 */
function sleepOn(
  clock: Clock,
  signal: AbortSignal,
  until: { durationMs: number } | { untilMs: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let cancelTimer = () => {};
    const onAbort = () => {
      cancelTimer();
      reject(new ToolError('cancelled', 'wait was cancelled'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const arm = () => {
      if ('durationMs' in until) {
        // A zero wait (a no-op step) ends at once instead of costing a timer turn (>= 1 ms in Node).
        if (until.durationMs <= 0) finish();
        else cancelTimer = clock.setTimer(finish, until.durationMs);
        return;
      }
      const left = until.untilMs - clock.now();
      if (left <= 0) {
        finish();
      } else {
        cancelTimer = clock.setTimer(arm, Math.min(left, MAX_SLEEP_MS));
      }
    };
    arm();
  });
}
