// The board's words and marks for the occurrence ledger: each outcome has a label, a glyph (so the
// strip does not speak by colour alone) and a colour class.
import type { Occurrence, OccurrenceCause, OccurrenceOutcome } from '../../api/contract-types';
import { formatInstant } from '../../lib/time';

export const outcomeLabels: Record<OccurrenceOutcome, string> = {
  fired: 'Ran on time',
  caught_up: 'Caught up',
  missed: 'Missed',
  skipped_overlap: 'Skipped: previous run still running',
  paused: 'Paused',
  snoozed: 'Snoozed',
  clock_change: 'Passed over by a clock change',
};

export const outcomeGlyphs: Record<OccurrenceOutcome, string> = {
  fired: '✓',
  caught_up: '↻',
  missed: '✕',
  skipped_overlap: '=',
  paused: 'Ⅱ',
  snoozed: 'z',
  clock_change: '»',
};

export const causeWords: Record<OccurrenceCause, string> = {
  asleep: 'the computer was asleep',
  not_running: 'Ridgeline was not running',
  clock_moved_forward: 'the clock moved forward',
  clock_set_back: 'the clock was set back',
  late: 'the scheduler was late',
  scheduler_paused: 'the scheduler was paused',
  skipped: 'skipped',
  delayed: 'delayed',
};

/** "Nov 23, 8:30 AM MST: Missed (the computer was asleep)". */
export function occurrenceLabel(o: Occurrence, timeZone: string): string {
  const when = formatInstant(o.occurrenceAt, timeZone);
  const why = o.cause && o.outcome !== 'fired' ? ` (${causeWords[o.cause]})` : '';
  const delayed = o.delayedTo ? `, delayed to ${formatInstant(o.delayedTo, timeZone)}` : '';
  return `${when}: ${outcomeLabels[o.outcome]}${why}${delayed}`;
}
