// A Clock whose time moves only when the test says so. Like Node's timers, its timers run on a
// monotonic clock: moving the wall clock (a clock change, or a machine that slept) does not fire
// them early or late; only advance() lets time pass.
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
  private wallOffset: number;

  constructor(wallStart: number = Date.parse('2026-11-23T15:30:00Z')) {
    this.wallOffset = wallStart;
  }

  now(): number {
    return this.monotonic + this.wallOffset;
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

  /** Sets the wall clock without letting time pass, as a clock change or a sleeping machine does. */
  jumpTo(wallMs: number): void {
    this.wallOffset = wallMs - this.monotonic;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
