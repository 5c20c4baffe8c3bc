// The occurrence ledger call: what became of a task's occurrences in a date range, newest first,
// with counts by outcome.
import { z } from 'zod';
import type { Occurrence, OccurrenceSummary } from '../model/occurrences';
import { msAt } from '../lib/time-format';
import { isoInstant } from './task-inputs';

export type { Occurrence, OccurrenceCause, OccurrenceOutcome, OccurrenceSummary } from '../model/occurrences';
export { occurrenceCauses, occurrenceOutcomes } from '../model/occurrences';

/** The range the ledger answers for when none is given: the last 30 days. */
export const DEFAULT_OCCURRENCE_DAYS = 30;

function fromBeforeTo(input: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (input.from && input.to && msAt(input.from)! >= msAt(input.to)!) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `must be before to (${input.to})` });
  }
}

export const taskOccurrencesInput = z
  .object({
    id: z.string().min(1, 'is required').max(100),
    /** Start of the range, inclusive; 30 days before `to` when left out. */
    from: isoInstant.optional(),
    /** End of the range, exclusive; now when left out. */
    to: isoInstant.optional(),
    /** How many of the newest occurrences to list; the summary counts the whole range. */
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .superRefine(fromBeforeTo);

/** Every task's ledger over a range at once: what `ridgeline status` prints for the month. */
export const occurrencesSummaryInput = z
  .object({
    /** Start of the range, inclusive; 30 days before `to` when left out. */
    from: isoInstant.optional(),
    /** End of the range, exclusive; now when left out. */
    to: isoInstant.optional(),
    /** How many tasks to list, those that missed the most first; `totals` and `tasks` count them all. */
    limit: z.number().int().min(1).max(1000).default(20),
  })
  .superRefine(fromBeforeTo);

export interface TaskOccurrenceSummary {
  taskId: string;
  title: string;
  summary: OccurrenceSummary;
}

export interface OccurrencesOverview {
  from: string;
  to: string;
  /** How many tasks had an occurrence in the range. */
  tasks: number;
  /** Every task's occurrences in the range, counted together. */
  totals: OccurrenceSummary;
  /** Per task, those with the most occurrences that did not run first, then by title. */
  items: TaskOccurrenceSummary[];
}

export interface TaskOccurrences {
  taskId: string;
  title: string;
  from: string;
  to: string;
  items: Occurrence[];
  summary: OccurrenceSummary;
}
