// A Clock whose time moves only when the test says so. Like Node's timers, its timers run on a
// monotonic clock: setting the wall clock (jumpTo) or sleeping the machine (sleep) does not fire
// them early or late; only advance() lets time pass. Like Linux, it keeps a boot clock that counts
// sleep, so a sleep and a clock change can be told apart.
import type { Clock } from '../../src-main/core/lib/clock';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;
  private monotonic = 0;
  private slept = 0;
  private wallOffset: number;

  constructor(wallStart: number = Date.parse('2026-11-23T15:30:00Z')) {
    this.wallOffset = wallStart;
  }

  now(): number {
    return this.monotonic + this.wallOffset;
  }

  monotonicMs(): number {
    return this.monotonic;
  }

  bootMs(): number {
    return this.monotonic + this.slept;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.monotonic + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Lets `ms` pass, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.monotonic + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.monotonic = Math.max(this.monotonic, due.at);
      due.fn();
    }
    this.monotonic = end;
  }

  /** Sets the wall clock without letting time pass, as a clock change does. */
  jumpTo(wallMs: number): void {
    this.wallOffset = wallMs - this.monotonic;
  }

  /** The machine sleeps `ms`: the wall and boot clocks move on, the monotonic clock and its timers stand still. */
  sleep(ms: number): void {
    this.slept += ms;
    this.wallOffset += ms;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
