// The occurrence ledger over a date range: one task's, or every task's counted per task.
import { notFound } from '../../lib/errors';
import { isoAt } from '../../lib/time-format';
import type { ParsedInput } from '../contract';
import { DEFAULT_OCCURRENCE_DAYS, type OccurrencesOverview, type TaskOccurrences } from '../occurrences-io';
import type { HandlerContext } from './context';

const DAY_MS = 24 * 3600_000;

/** [from, to) of a ledger call: `to` is exclusive, so an occurrence due this very millisecond is in. */
function rangeOf(input: { from?: string; to?: string }, now: number): { from: number; to: number } {
  const to = input.to ? Date.parse(input.to) : now + 1;
  const from = input.from ? Date.parse(input.from) : to - DEFAULT_OCCURRENCE_DAYS * DAY_MS;
  return { from, to };
}

export function createOccurrenceHandlers({ store, clock }: HandlerContext) {
  return {
    'occurrences.summary': async (input: ParsedInput<'occurrences.summary'>): Promise<OccurrencesOverview> => {
      const { from, to } = rangeOf(input, clock.now());
      const { totals, tasks } = store.occurrences.overview(from, to);
      const notRan = (t: (typeof tasks)[number]) => t.summary.total - t.summary.ran;
      tasks.sort((a, b) => notRan(b) - notRan(a) || a.title.localeCompare(b.title));
      return { from: isoAt(from), to: isoAt(to), tasks: tasks.length, totals, items: tasks.slice(0, input.limit) };
    },
    'tasks.occurrences': async (input: ParsedInput<'tasks.occurrences'>): Promise<TaskOccurrences> => {
      const title = store.tasks.columns(input.id)?.title;
      if (title === undefined) throw notFound('Task', input.id);
      const { from, to } = rangeOf(input, clock.now());
      const range = { taskId: input.id, from, to };
      return {
        taskId: input.id,
        title,
        from: isoAt(from),
        to: isoAt(to),
        items: store.occurrences.list(range, input.limit),
        summary: store.occurrences.summary(range),
      };
    },
  };
}
