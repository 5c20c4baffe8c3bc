// The run log writer: tool lines are batched (per step, at most every 100 ms or 200 lines) into
// run_logs in one transaction and pushed live as one `run:log` event per batch. Secrets are masked
// as a batch is written, so neither the table nor the live view ever holds one.
import type { RunLogLine as ApiRunLogLine } from '../model/types';
import type { Clock } from '../lib/clock';
import { isoAt } from '../lib/time-format';
import type { Store } from '../store';
import type { ToolLogLine } from '../tools/tool';

export const FLUSH_EVERY_MS = 100;
const FLUSH_AT_LINES = 200;

export interface RunLog {
  line(stepId: string | null, line: ToolLogLine): void;
  /** Writes what is buffered now: at the end of each step, so a crash loses at most 100 ms. */
  flush(): void;
}

export function createRunLog(store: Store, clock: Clock, runId: string): RunLog {
  let buffer: Array<{ stepId: string | null; line: ToolLogLine; at: number }> = [];
  let cancelTimer: (() => void) | undefined;

  function flush(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    store.write((tx) => {
      const lines = store.runLogs.appendMany(
        batch.map((b) => ({
          runId,
          stepId: b.stepId,
          stream: b.line.stream,
          level: b.line.level ?? (b.line.stream === 'stderr' ? 'warn' : 'info'),
          message: store.redactor.text(b.line.message),
          loggedAt: b.at,
        })),
      );
      const api: ApiRunLogLine[] = lines.map((l) => ({ ...l, loggedAt: isoAt(l.loggedAt) }));
      tx.publish('run:log', { runId, lines: api });
    });
  }

  return {
    line(stepId, line) {
      buffer.push({ stepId, line, at: clock.now() });
      if (buffer.length >= FLUSH_AT_LINES) flush();
      else if (!cancelTimer) cancelTimer = clock.setTimer(flush, FLUSH_EVERY_MS);
    },
    flush,
  };
}
