// The words of every desktop notification, as pure functions: each names its task and reads its
// times in the display timezone with the zone's abbreviation ("8:31 AM MST", "8:31 AM MDT").
import { formatRange, formatTime } from '../lib/time-format';
import type { NotificationKind } from '../settings/schema';

export interface NotificationText {
  title: string;
  body: string;
}

export interface RunTextFacts {
  taskTitle: string;
  /** When it happened (finished, halted, asked): the time the title shows. */
  at: number;
  timeZone: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const usd = (amount: number): string => `$${amount.toFixed(2)}`;

/** "Morning briefing ready · 8:31 AM MST" */
export function runSucceededText(
  facts: RunTextFacts & { startedAt: number | null; costUsd: number },
): NotificationText {
  const parts = ['Finished'];
  if (facts.startedAt !== null) parts.push(`in ${duration(facts.at - facts.startedAt)}`);
  if (facts.costUsd > 0) parts.push(`for ${usd(facts.costUsd)}`);
  return {
    title: `${facts.taskTitle} ready · ${formatTime(facts.at, facts.timeZone)}`,
    body: `${parts.join(' ')}.`,
  };
}

/** "Nightly backup failed · 2:04 AM MST" with the error, and the attempts when it was retried. */
export function runFailedText(
  facts: RunTextFacts & { error: string | null; attempt: number; timedOut: boolean },
): NotificationText {
  const what = facts.timedOut ? 'timed out' : 'failed';
  const attempts = facts.attempt > 1 ? ` after ${plural(facts.attempt, 'attempt', 'attempts')}` : '';
  const error = facts.error?.trim() || (facts.timedOut ? 'It ran past its time limit.' : 'No error was recorded.');
  return {
    title: `${facts.taskTitle} ${what}${attempts} · ${formatTime(facts.at, facts.timeZone)}`,
    body: error,
  };
}

/** A run stopped by its uncertainty checks: it waits for the user's decision. */
export function runHaltedText(facts: RunTextFacts & { reason: string | null; error: string | null }): NotificationText {
  const why = [facts.reason, facts.error].filter((s): s is string => Boolean(s?.trim())).join(': ');
  return {
    title: `${facts.taskTitle} halted · ${formatTime(facts.at, facts.timeZone)}`,
    body: `${why ? `${why}. ` : ''}It waits for your decision before it goes on.`,
  };
}

export function approvalNeededText(facts: RunTextFacts & { question: string | null }): NotificationText {
  return {
    title: `${facts.taskTitle} needs your approval · ${formatTime(facts.at, facts.timeZone)}`,
    body: facts.question?.trim() || 'A step waits for your decision before it goes on.',
  };
}

export interface BudgetFacts {
  /** The task whose budget it is; absent for the daily and monthly budgets of the whole app. */
  taskTitle: string | null;
  scope: 'task' | 'daily' | 'monthly';
  spentUsd: number;
  limitUsd: number;
  at: number;
  timeZone: string;
}

/** "Budget 80% used: Research digest · 3:10 PM MDT", with what was spent of what. */
export function budgetWarningText(facts: BudgetFacts): NotificationText {
  const percent = facts.limitUsd > 0 ? Math.floor((facts.spentUsd / facts.limitUsd) * 100) : 100;
  const whose =
    facts.scope === 'task' ? (facts.taskTitle ?? 'a task') : facts.scope === 'daily' ? 'today' : 'this month';
  return {
    title: `Budget ${percent}% used: ${whose} · ${formatTime(facts.at, facts.timeZone)}`,
    body: `${usd(facts.spentUsd)} of ${usd(facts.limitUsd)} spent. Runs stop when the budget is used up.`,
  };
}

/** The scheduler's own account of a gap ("This computer was asleep from ... : 8 runs missed"). */
export function missedRunsText(summary: string): NotificationText {
  return { title: 'Missed runs', body: summary };
}

export function schedulerStalledText(facts: { lastWakeAt: number; now: number; timeZone: string }): NotificationText {
  return {
    title: 'Scheduler stalled',
    body: `The scheduler stopped ticking after ${formatTime(facts.lastWakeAt, facts.timeZone)} (silent for ${duration(facts.now - facts.lastWakeAt)}). Ridgeline restarted it.`,
  };
}

/** What a burst of one kind says: "10 runs failed in the last minute". */
const BURST_WHAT: Record<NotificationKind | 'other', (n: number) => string> = {
  run_succeeded: (n) => `${plural(n, 'run', 'runs')} finished`,
  run_failed: (n) => `${plural(n, 'run', 'runs')} failed`,
  run_halted: (n) => `${plural(n, 'run', 'runs')} halted`,
  approval_needed: (n) => `${plural(n, 'run needs', 'runs need')} your approval`,
  budget_warning: (n) => plural(n, 'budget warning', 'budget warnings'),
  missed_runs: (n) => plural(n, 'report of missed runs', 'reports of missed runs'),
  scheduler_stalled: (n) => plural(n, 'scheduler stall', 'scheduler stalls'),
  deadline: (n) => plural(n, 'deadline notice', 'deadline notices'),
  other: (n) => plural(n, 'notification', 'notifications'),
};

function windowWords(windowMs: number): string {
  return windowMs === 60_000 ? 'the last minute' : `the last ${duration(windowMs)}`;
}

/** Names up to three, then counts the rest: "Backup, Sync, Digest and 7 more". */
export function listNames(names: string[], shown = 3): string {
  const distinct = [...new Set(names)];
  if (distinct.length <= shown) return distinct.join(', ');
  return `${distinct.slice(0, shown).join(', ')} and ${distinct.length - shown} more`;
}

export function burstText(
  kind: NotificationKind | 'other',
  items: Array<{ subject: string }>,
  windowMs: number,
): NotificationText {
  const what = BURST_WHAT[kind](items.length);
  return {
    title: `${what.charAt(0).toUpperCase()}${what.slice(1)} in ${windowWords(windowMs)}`,
    body: listNames(items.map((i) => i.subject)),
  };
}

/** Shown when quiet hours end: what was held back while they were on. */
export function quietHoursSummaryText(
  held: Array<{ kind: NotificationKind | 'other'; subject: string }>,
  from: number,
  to: number,
  timeZone: string,
): NotificationText {
  const counts = new Map<NotificationKind | 'other', string[]>();
  for (const h of held) counts.set(h.kind, [...(counts.get(h.kind) ?? []), h.subject]);
  const lines = [...counts].map(([kind, subjects]) => `${BURST_WHAT[kind](subjects.length)}: ${listNames(subjects)}`);
  return {
    title: `While quiet hours were on: ${plural(held.length, 'notification', 'notifications')}`,
    body: `${formatRange(from, to, timeZone).replace(/^from/, 'From')}. ${lines.join('. ')}.`,
  };
}
