// The occurrence ledger's words: what became of each occurrence a schedule was due to have.

export const occurrenceOutcomes = [
  'fired',
  'caught_up',
  'missed',
  'skipped_overlap',
  'paused',
  'snoozed',
  'clock_change',
] as const;
export type OccurrenceOutcome = (typeof occurrenceOutcomes)[number];

/** What kept a missed or caught-up occurrence from its time; for a snoozed one, how it was snoozed. */
export const occurrenceCauses = [
  'asleep',
  'not_running',
  'clock_moved_forward',
  'clock_set_back',
  'late',
  'scheduler_paused',
  'skipped',
  'delayed',
] as const;
export type OccurrenceCause = (typeof occurrenceCauses)[number];

/** Outcomes in which the occurrence got its run. */
export const ranOutcomes: readonly OccurrenceOutcome[] = ['fired', 'caught_up'];

export interface Occurrence {
  taskId: string;
  /** UTC ISO-8601: when the schedule was due. */
  occurrenceAt: string;
  outcome: OccurrenceOutcome;
  cause: OccurrenceCause | null;
  runId: string | null;
  delayedTo: string | null;
  recordedAt: string;
}

export type OccurrenceCounts = Record<OccurrenceOutcome, number>;

export interface OccurrenceSummary {
  total: number;
  ran: number;
  counts: OccurrenceCounts;
  /** Missed occurrences by what kept them from their time, e.g. { asleep: 1 }. */
  missedBy: Partial<Record<OccurrenceCause, number>>;
}
