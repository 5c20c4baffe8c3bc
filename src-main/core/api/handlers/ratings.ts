// Rating calls: rate a run or a task, list ratings, and export them (CSV or JSON).
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { isoAt } from '../../lib/time-format';
import type { Rating } from '../../model/feedback';
import type { RatingRow } from '../../db/repos/feedback-repo';
import type { ParsedInput } from '../contract';
import { ratingCsvColumns, type RatingExport, type RatingPage } from '../ratings-io';
import type { HandlerContext } from './context';

const EXPORT_MAX = 100_000;

function toRating(row: RatingRow): Rating {
  return { ...row, createdAt: isoAt(row.createdAt), updatedAt: isoAt(row.updatedAt) };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(ratings: readonly Rating[]): string {
  const lines = [
    ratingCsvColumns.join(','),
    ...ratings.map((r) => ratingCsvColumns.map((c) => csvField(r[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function createRatingHandlers(context: HandlerContext) {
  const { store, clock } = context;
  return {
    'ratings.set': async (input: ParsedInput<'ratings.set'>): Promise<Rating> =>
      store.write((tx) => {
        let taskId = input.taskId;
        if (input.runId !== undefined) {
          const run = store.runs.get(input.runId);
          if (!run) throw notFound('Run', input.runId);
          taskId = run.taskId;
        }
        const task = store.tasks.get(taskId!);
        if (!task) throw notFound('Task', taskId!);
        const ratingId = store.feedback.setRating(
          {
            id: newId(),
            taskId: task.id,
            runId: input.runId ?? null,
            quality: input.quality,
            timeliness: input.timeliness,
            notes: input.notes,
          },
          clock.now(),
        );
        const rating = toRating(store.feedback.rating(ratingId)!);
        tx.record({
          type: 'rating:set',
          taskId: task.id,
          runId: rating.runId,
          summary: `Rated ${rating.runId ? 'a run of ' : ''}"${task.title}": quality ${rating.quality}/5, timeliness ${rating.timeliness}/5`,
          payload: { quality: rating.quality, timeliness: rating.timeliness },
        });
        return rating;
      }),

    'ratings.list': async (input: ParsedInput<'ratings.list'>): Promise<RatingPage> => {
      const { items, total } = store.feedback.listRatings(input);
      return { items: items.map(toRating), total, limit: input.limit, offset: input.offset };
    },

    'ratings.export': async ({ format, taskId }: ParsedInput<'ratings.export'>): Promise<RatingExport> => {
      const ratings = store.feedback.listRatings({ taskId, limit: EXPORT_MAX, offset: 0 }).items.map(toRating);
      const content = format === 'csv' ? toCsv(ratings) : `${JSON.stringify(ratings, null, 2)}\n`;
      return { format, content, count: ratings.length };
    },
  };
}
