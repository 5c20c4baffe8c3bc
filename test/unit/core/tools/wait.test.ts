// The wait tool on a fake clock: it waits exactly as long as asked, follows the wall clock for
// `until`, and stops at once on cancellation.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../helpers/fake-clock';
import { wait } from '../../../../src-main/core/tools/wait';
import { ToolError } from '../../../../src-main/core/tools/tool';
import { testContext } from './tool-context';

const start = Date.parse('2026-11-23T15:30:00Z');

function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('wait', () => {
  it('resolves after exactly ms on the clock, not a moment before', async () => {
    const clock = new FakeClock(start);
    const waiting = track(wait.execute({ ms: 5_000 }, testContext({ clock }).context));
    clock.advance(4_999);
    await flush();
    expect(waiting.settled).toBe(false);
    clock.advance(1);
    await flush();
    expect(waiting.value).toEqual({ waited_ms: 5_000 });
  });

  it('waits until an ISO instant given with an offset', async () => {
    const clock = new FakeClock(start);
    const waiting = track(wait.execute({ until: '2026-11-23T16:31:00+01:00' }, testContext({ clock }).context));
    clock.advance(59_000);
    await flush();
    expect(waiting.settled).toBe(false);
    clock.advance(1_000);
    await flush();
    expect(waiting.value).toEqual({ waited_ms: 60_000 });
  });

  it('does not sleep long past the instant when the wall clock jumps forward (machine slept)', async () => {
    const clock = new FakeClock(start);
    const waiting = track(wait.execute({ until: '2026-11-23T17:30:00Z' }, testContext({ clock }).context));
    clock.jumpTo(Date.parse('2026-11-23T17:30:00Z'));
    clock.advance(30_000);
    await flush();
    expect(waiting.settled).toBe(true);
  });

  it('returns at once for an instant already past', async () => {
    const clock = new FakeClock(start);
    await expect(wait.execute({ until: '2026-11-23T15:00:00Z' }, testContext({ clock }).context)).resolves.toEqual({
      waited_ms: 0,
    });
  });

  it('refuses an instant more than 24 hours away as permanent', async () => {
    const clock = new FakeClock(start);
    const error = await wait.execute({ until: '2026-11-25T00:00:00Z' }, testContext({ clock }).context).catch((e) => e);
    expect(ToolError.isInstance(error) && error.kind).toBe('permanent');
  });

  it('stops with a cancelled error when the step is aborted, leaving no timer behind', async () => {
    const clock = new FakeClock(start);
    const abort = new AbortController();
    const waiting = track(wait.execute({ ms: 60_000 }, testContext({ clock, signal: abort.signal }).context));
    abort.abort();
    await flush();
    expect(ToolError.isInstance(waiting.error) && waiting.error.kind).toBe('cancelled');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not wait at all when the step is already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    const clock = new FakeClock(start);
    const error = await wait.execute({ ms: 10 }, testContext({ clock, signal: abort.signal }).context).catch((e) => e);
    expect(ToolError.isInstance(error) && error.kind).toBe('cancelled');
    expect(clock.pendingTimers()).toBe(0);
  });
});
