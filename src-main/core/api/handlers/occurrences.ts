// The occurrence ledger of one task over a date range.
import { notFound } from '../../lib/errors';
import { isoAt } from '../../lib/time-format';
import type { ParsedInput } from '../contract';
import { DEFAULT_OCCURRENCE_DAYS, type TaskOccurrences } from '../occurrences-io';
import type { HandlerContext } from './context';

const DAY_MS = 24 * 3600_000;

export function createOccurrenceHandlers({ store, clock }: HandlerContext) {
  return {
    'tasks.occurrences': async (input: ParsedInput<'tasks.occurrences'>): Promise<TaskOccurrences> => {
      const title = store.tasks.columns(input.id)?.title;
      if (title === undefined) throw notFound('Task', input.id);
      // `to` is exclusive: an occurrence due this very millisecond belongs to the range ending now.
      const to = input.to ? Date.parse(input.to) : clock.now() + 1;
      const from = input.from ? Date.parse(input.from) : to - DEFAULT_OCCURRENCE_DAYS * DAY_MS;
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
