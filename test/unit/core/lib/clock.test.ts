import { readFile } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src-main/core/lib/clock';

const afterTimers = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('systemClock.setTimer', () => {
  it('runs a timer of 0 ms (or less) once, after the current code, before a 1 ms timer set first', async () => {
    const fired: string[] = [];
    // Set from an I/O callback, as the worker's are: there the order is certain however slow the machine.
    await new Promise<void>((done) =>
      readFile(import.meta.filename, () => {
        setTimeout(() => fired.push('1 ms'), 1);
        systemClock.setTimer(() => fired.push('now'), 0);
        systemClock.setTimer(() => fired.push('negative'), -5);
        fired.push('sync');
        done();
      }),
    );
    await afterTimers(20);
    expect(fired).toEqual(['sync', 'now', 'negative', '1 ms']);
  });

  it('cancels a timer of 0 ms and one of some milliseconds', async () => {
    const fired: string[] = [];
    systemClock.setTimer(() => fired.push('now'), 0)();
    systemClock.setTimer(() => fired.push('later'), 5)();
    systemClock.setTimer(() => fired.push('kept'), 5);
    await afterTimers(30);
    expect(fired).toEqual(['kept']);
  });

  it('never runs a timer before its time (setTimeout alone often runs a fraction of a millisecond early)', async () => {
    const early: number[] = [];
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((done) => {
        const target = performance.now() + 3.3;
        systemClock.setTimer(() => {
          if (performance.now() < target) early.push(target - performance.now());
          done();
        }, 3.3);
      });
    }
    expect(early).toEqual([]);
  });
});
