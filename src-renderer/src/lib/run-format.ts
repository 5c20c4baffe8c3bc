// The words and times a run is shown with: status and trigger labels, "Mon 8:30 AM MST" times in
// the display timezone, durations ("1 min 5 s") and costs. Typed over the contract's unions.
import type { RunStatus, RunSummary, RunTrigger } from '../api/contract-types';

export const runStatusLabels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  awaiting_approval: 'Awaiting approval',
  halted: 'Halted',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  skipped: 'Skipped',
};

export const runTriggerLabels: Record<RunTrigger, string> = {
  schedule: 'Scheduled',
  catch_up: 'Catch-up',
  manual: 'Manual',
  retry: 'Retry',
  dependency: 'Dependency',
  agent: 'Agent',
  webhook: 'Webhook',
};

const finalStatuses: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled', 'timed_out', 'skipped']);

/** A run in a final state never changes again; it can be retried but not cancelled. */
export function isFinalRun(status: RunStatus): boolean {
  return finalStatuses.has(status);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const styles = {
  run: { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  clock: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  clockZone: { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' },
  date: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** "Mon 8:30 AM MST", "8:30:05 AM" as a `clock` ("8:30:05 AM MST" as `clockZone`), "Nov 23, 8:30 AM MST"
 * as a `date`; the raw text when it is not a date. */
export function formatRunTime(iso: string, timeZone: string, style: keyof typeof styles = 'run'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const key = `${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...styles[style] });
    formatters.set(key, f);
  }
  return f
    .format(ms)
    .replace(/\u202f/g, ' ')
    .replace(/^(\w+),/, '$1');
}

/** "850 ms", "12 s", "3 min 4 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 0) return '0 s';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** How long the run took, or has taken so far while it runs; null before it started. */
export function runDuration(run: Pick<RunSummary, 'startedAt' | 'finishedAt'>, now: number): string | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return formatDuration(end - Date.parse(run.startedAt));
}

export function formatCost(usd: number): string {
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Keeps a newest-first list current with one pushed run: replaces it by id or adds it on top. */
export function upsertRun(runs: RunSummary[], run: RunSummary): RunSummary[] {
  const i = runs.findIndex((r) => r.id === run.id);
  if (i === -1) return [run, ...runs];
  const next = runs.slice();
  next[i] = run;
  return next;
}
