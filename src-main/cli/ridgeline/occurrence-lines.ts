// The "this month" lines of `ridgeline status`: per recurring task, how many of its occurrences ran
// and what became of the others, from the occurrence ledger.
import type { OccurrenceCause, OccurrenceSummary } from '../../core/api/contract';
import { civilFromWall, instantToWallClock, resolveWallClock, wallFromCivil } from '../../core/lib/local-time';

/** Midnight on the first of the month that `now` falls in, in the zone. */
export function monthStart(now: number, timeZone: string): number {
  const { year, month } = civilFromWall(instantToWallClock(now, timeZone));
  return resolveWallClock(wallFromCivil({ year, month, day: 1, hour: 0, minute: 0, second: 0 }), timeZone);
}

const causeWords: Record<OccurrenceCause, string> = {
  asleep: 'asleep',
  not_running: 'Ridgeline not running',
  clock_moved_forward: 'clock moved forward',
  clock_set_back: 'clock set back',
  late: 'late',
  scheduler_paused: 'scheduler paused',
  skipped: 'skipped',
  delayed: 'delayed',
};

/** "Morning briefing: 19 of 20 ran this month, 1 missed (asleep)". */
export function occurrenceLine(title: string, summary: OccurrenceSummary): string {
  const { counts } = summary;
  const parts = [`${summary.ran} of ${summary.total} ran this month`];
  const missed = counts.missed + counts.clock_change;
  if (missed > 0) {
    const why = Object.entries(summary.missedBy)
      .filter(([, n]) => n! > 0)
      .map(([cause, n]) =>
        n === missed ? causeWords[cause as OccurrenceCause] : `${n} ${causeWords[cause as OccurrenceCause]}`,
      );
    parts.push(`${missed} missed${why.length > 0 ? ` (${why.join(', ')})` : ''}`);
  }
  if (counts.skipped_overlap > 0) parts.push(`${counts.skipped_overlap} skipped (still running)`);
  if (counts.snoozed > 0) parts.push(`${counts.snoozed} snoozed`);
  if (counts.paused > 0) parts.push(`${counts.paused} paused`);
  return `${title}: ${parts.join(', ')}`;
}
