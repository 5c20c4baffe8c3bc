// The run log writer: tool lines are batched (per step, at most every 100 ms or 200 lines) into
// run_logs in one transaction and pushed live as one `run:log` event per batch. Secrets are masked
// as a batch is written, so neither the table nor the live view ever holds one. A run's log stops
// growing at its cap (lines or bytes); a marker line at the end of each step says what was dropped.
import type { RunLogLine as ApiRunLogLine } from '../api/types';
import type { Clock } from '../lib/clock';
import { isoAt } from '../lib/time-format';
import type { Store } from '../store';
import { createRetentionRepo, type LogSize } from '../db/repos/retention-repo';
import type { ToolLogLine } from '../tools/tool';

export const FLUSH_EVERY_MS = 100;
const FLUSH_AT_LINES = 200;

export interface RunLogLimits {
  maxLines: number;
  maxBytes: number;
}

export const DEFAULT_RUN_LOG_LIMITS: RunLogLimits = { maxLines: 10_000, maxBytes: 5 * 1024 * 1024 };

function droppedMarker(dropped: LogSize, limits: RunLogLimits): string {
  const kib = Math.ceil(dropped.bytes / 1024);
  return (
    `[log capped] ${dropped.lines} line${dropped.lines === 1 ? '' : 's'} (${kib} KiB) dropped: a run's log ` +
    `keeps at most ${limits.maxLines} lines or ${Math.round(limits.maxBytes / 1024)} KiB (settings runLog.maxLines, runLog.maxBytes).`
  );
}

export interface RunLog {
  line(stepId: string | null, line: ToolLogLine): void;
  /** Writes what is buffered now: at the end of each step, so a crash loses at most 100 ms. */
  flush(): void;
}

export function createRunLog(
  store: Store,
  clock: Clock,
  runId: string,
  limits: RunLogLimits = DEFAULT_RUN_LOG_LIMITS,
): RunLog {
  let buffer: Array<{ stepId: string | null; line: ToolLogLine; at: number }> = [];
  let cancelTimer: (() => void) | undefined;
  // What the run logged before, read once: a resumed run's cap counts the lines already there.
  let used: LogSize | undefined;
  const dropped: LogSize = { lines: 0, bytes: 0 };
  let droppedStep: string | null = null;

  function write(): void {
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
      used ??= createRetentionRepo(store.db).runLogSize(runId);
      const bytes = Buffer.byteLength(line.message);
      if (used.lines + 1 > limits.maxLines || used.bytes + bytes > limits.maxBytes) {
        dropped.lines++;
        dropped.bytes += bytes;
        droppedStep = stepId;
        return;
      }
      used.lines++;
      used.bytes += bytes;
      buffer.push({ stepId, line, at: clock.now() });
      if (buffer.length >= FLUSH_AT_LINES) write();
      else if (!cancelTimer) cancelTimer = clock.setTimer(write, FLUSH_EVERY_MS);
    },
    flush() {
      if (dropped.lines > 0) {
        // The marker is not counted against the cap, so it is always written.
        const message = droppedMarker(dropped, limits);
        buffer.push({ stepId: droppedStep, line: { stream: 'system', level: 'warn', message }, at: clock.now() });
        dropped.lines = 0;
        dropped.bytes = 0;
      }
      write();
    },
  };
}
