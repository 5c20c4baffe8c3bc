import { describe, expect, it } from 'vitest';
import { createBurstCoalescer, type Offered } from '../../../../src-main/core/notify/burst';
import type { Notification } from '../../../../src-main/core/ports';
import { FakeClock } from '../../../helpers/fake-clock';

function setup() {
  const clock = new FakeClock();
  const shown: Notification[] = [];
  const bursts = createBurstCoalescer({ clock, show: async (n) => void shown.push(n) });
  return { clock, shown, bursts };
}

const failure = (task: string, runId: string): Offered => ({
  kind: 'run_failed',
  subject: task,
  notification: {
    kind: 'run_failed',
    title: `${task} failed · 8:31 AM MST`,
    body: 'exit 1',
    runId,
    taskId: `t-${task}`,
  },
});

describe('burst coalescing', () => {
  it('shows a lone notification at once, as itself', () => {
    const { shown, bursts, clock } = setup();
    void bursts.offer(failure('Backup', 'r1'));
    expect(shown.map((n) => n.title)).toEqual(['Backup failed · 8:31 AM MST']);
    clock.advance(120_000);
    expect(shown).toHaveLength(1);
  });

  it('turns ten failures in a minute into the first one and one summary of all ten', () => {
    const { shown, bursts, clock } = setup();
    const tasks = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
    tasks.forEach((task, i) => {
      void bursts.offer(failure(task, `r${i}`));
      clock.advance(5_000);
    });
    expect(shown).toHaveLength(1);
    clock.advance(60_000 - 50_000);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toEqual({
      kind: 'run_failed',
      title: '10 runs failed in the last minute',
      body: 'A, B, C and 7 more',
      runId: 'r9',
      taskId: 't-J',
    });
  });

  it('shows one straggler in the window as itself when the window closes', () => {
    const { shown, bursts, clock } = setup();
    void bursts.offer(failure('A', 'r1'));
    clock.advance(10_000);
    void bursts.offer(failure('B', 'r2'));
    expect(shown.map((n) => n.runId)).toEqual(['r1']);
    clock.advance(50_000);
    expect(shown.map((n) => n.runId)).toEqual(['r1', 'r2']);
  });

  it('keeps a long burst to one summary per window', () => {
    const { shown, bursts, clock } = setup();
    for (let i = 0; i < 30; i++) {
      void bursts.offer(failure(`T${i}`, `r${i}`));
      clock.advance(6_000);
    }
    clock.advance(60_000);
    // 180 s of failures: the first, then a summary at 60 s, 120 s and 180 s.
    expect(shown.map((n) => n.title)).toEqual([
      'T0 failed · 8:31 AM MST',
      '10 runs failed in the last minute',
      '10 runs failed in the last minute',
      '10 runs failed in the last minute',
    ]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('counts each kind apart', () => {
    const { shown, bursts } = setup();
    void bursts.offer(failure('A', 'r1'));
    void bursts.offer({ ...failure('B', 'r2'), kind: 'run_halted' });
    expect(shown.map((n) => n.runId)).toEqual(['r1', 'r2']);
  });

  it('shows what it holds when flushed at shutdown and leaves no timer behind', () => {
    const { shown, bursts, clock } = setup();
    void bursts.offer(failure('A', 'r1'));
    void bursts.offer(failure('B', 'r2'));
    void bursts.offer(failure('C', 'r3'));
    bursts.flush();
    expect(shown.map((n) => n.title)).toEqual(['A failed · 8:31 AM MST', '3 runs failed in the last minute']);
    expect(clock.pendingTimers()).toBe(0);
  });
});
