import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src-main/core/lib/clock';
import { FakeClock } from '../../../helpers/fake-clock';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

describe('systemClock.setTimerAt', () => {
  it('runs once the wall clock reads the instant, never before it', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((done) => {
        const at = Date.now() + 4;
        systemClock.setTimerAt!(
          () => {
            expect(Date.now()).toBeGreaterThanOrEqual(at);
            done();
          },
          at,
          4,
        );
      });
    }
  });

  it('runs once its wait has passed even when the wall clock reads earlier (it was set back)', async () => {
    const started = performance.now();
    // An instant an hour away with a 5 ms wait: what a wall clock set back an hour looks like.
    await new Promise<void>((done) => systemClock.setTimerAt!(done, Date.now() + 3_600_000, 5));
    expect(performance.now() - started).toBeGreaterThanOrEqual(5);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('cancels', async () => {
    let fired = false;
    systemClock.setTimerAt!(() => (fired = true), Date.now() + 3, 3)();
    await new Promise((done) => setTimeout(done, 20));
    expect(fired).toBe(false);
  });
});

/** A fake clock that also has the wall-instant timer, and records what it was asked for. */
class WallTimerClock extends FakeClock {
  readonly asked: number[] = [];
  setTimerAt(fn: () => void, at: number, ms: number): () => void {
    this.asked.push(at);
    return this.setTimer(fn, ms);
  }
}

const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

describe('the scheduler waiting for a due time', () => {
  it('asks for a timer at the due instant itself, so the fire is not late by a fraction of a millisecond', async () => {
    const clock = new WallTimerClock();
    const t = await startedTestRuntime({ clock });
    running.push(t);
    const due = clock.now() + 5_000;
    await t.runtime.api.call('tasks.create', {
      title: 'On the dot',
      schedule: { kind: 'once', expr: new Date(due).toISOString() },
    });
    expect(clock.asked).toContain(due);
    clock.advance(5_000);
    expect(t.runtime.schedulerStats().queued).toBe(1);
  });
});
