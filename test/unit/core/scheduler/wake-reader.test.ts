import { describe, expect, it } from 'vitest';
import {
  BOOT_READ_MARGIN_MS,
  CLOCK_CHANGE_THRESHOLD_MS,
  classifyWake,
  createWakeReader,
} from '../../../../src-main/core/scheduler/clock-change';
import { FakeClock } from '../../../helpers/fake-clock';

/** A fake clock that counts how often its boot clock is read. */
function countingClock() {
  const clock = new FakeClock();
  let bootReads = 0;
  const bootMs = clock.bootMs.bind(clock);
  clock.bootMs = () => {
    bootReads++;
    return bootMs();
  };
  return { clock, bootReads: () => bootReads };
}

describe('the wake reader', () => {
  it('reads the boot clock at the first wake and when asked, and not on wakes where no sleep can hide', () => {
    const { clock, bootReads } = countingClock();
    const read = createWakeReader(clock);
    const first = read(false);
    expect(bootReads()).toBe(1);
    clock.advance(30_000);
    const second = read(false);
    expect(bootReads()).toBe(1);
    // The boot clock moved as the monotonic one did.
    expect(second.boot! - first.boot!).toBe(30_000);
    expect(second.boot).toBe(clock.bootMs());
    read(true);
    expect(bootReads()).toBe(3);
  });

  it('reads it once the wall clock moved off the monotonic one, so a sleep is told apart from a clock change', () => {
    const { clock, bootReads } = countingClock();
    const read = createWakeReader(clock);
    const before = read(false);
    clock.sleep(2 * CLOCK_CHANGE_THRESHOLD_MS);
    const afterSleep = read(false);
    expect(bootReads()).toBe(2);
    expect(classifyWake({ previous: before, current: afterSleep, plannedWaitMs: 30_000, resumed: false })?.kind).toBe(
      'asleep',
    );
    clock.jumpTo(clock.now() + 2 * CLOCK_CHANGE_THRESHOLD_MS);
    const afterJump = read(false);
    expect(bootReads()).toBe(3);
    expect(
      classifyWake({ previous: afterSleep, current: afterJump, plannedWaitMs: 30_000, resumed: false })?.kind,
    ).toBe('clock_moved_forward');
  });

  it('still reads it for a drift just past the margin', () => {
    const { clock, bootReads } = countingClock();
    const read = createWakeReader(clock);
    read(false);
    clock.jumpTo(clock.now() + BOOT_READ_MARGIN_MS);
    read(false);
    expect(bootReads()).toBe(2);
  });
});
