// A run's log lines, printed once or followed live over the host's server-sent events until the run ends.
import type { Run, RunLogLine } from '../../core/api/contract';
import type { Session } from './command';
import { paint, status, time, type Output } from './output';

const finished = new Set(['succeeded', 'failed', 'cancelled', 'timed_out', 'halted', 'awaiting_approval']);

export function isFinished(run: Run): boolean {
  return finished.has(run.status);
}

export function logLine(out: Output, line: RunLogLine): string {
  const step = line.stepId ? `[${line.stepId}] ` : '';
  const text = `${time(out, line.loggedAt)}  ${step}${line.message}`;
  if (line.level === 'error' || line.stream === 'stderr') return paint(out, 'red', text);
  return line.stream === 'system' ? paint(out, 'dim', text) : text;
}

function printLines(out: Output, lines: RunLogLine[]): void {
  for (const line of lines) {
    if (out.json) out.write(`${JSON.stringify(line)}\n`);
    else out.write(`${logLine(out, line)}\n`);
  }
}

const PAGE = 1000;

/** Every line after `afterId`, page by page; returns the id of the last one. */
export async function printLogsAfter(session: Session, runId: string, afterId: number): Promise<number> {
  let last = afterId;
  for (;;) {
    const lines = await session.client.call('runs.logs', { id: runId, afterId: last, limit: PAGE });
    printLines(session.out, lines);
    if (lines.length > 0) last = lines[lines.length - 1]!.id;
    if (lines.length < PAGE) return last;
  }
}

/**
 * Prints what the run logged so far, then each new line as the host pushes it, and stops when the
 * run ends (or stops for a person). The stream is opened first, so no line falls between the two.
 */
export async function followRunLogs(session: Session, runId: string): Promise<void> {
  const { client, out } = session;
  const abort = new AbortController();
  const stream = await client.events(abort.signal);
  let last = await printLogsAfter(session, runId, 0);
  let run = (await client.call('runs.get', { id: runId })).run;
  try {
    if (!isFinished(run)) {
      for (let next = await stream.next(); !next.done; next = await stream.next()) {
        const message = next.value;
        if (message.event === 'run:log' && message.data.runId === runId) {
          const fresh = message.data.lines.filter((l) => l.id > last);
          printLines(out, fresh);
          if (fresh.length > 0) last = fresh[fresh.length - 1]!.id;
        } else if (message.event === 'run:updated' && message.data.run.id === runId) {
          run = message.data.run;
          if (isFinished(run)) break;
        }
      }
    }
  } finally {
    abort.abort();
  }
  // Lines written just before the run ended may have been pushed after its last update.
  await printLogsAfter(session, runId, last);
  if (out.json) return out.write(`${JSON.stringify(run)}\n`);
  out.write(`Run ${run.id} ${status(out, run.status)}${run.error ? `: ${run.error.error}` : ''}\n`);
}
