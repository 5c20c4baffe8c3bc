// Inputs and outputs of the rating calls: people rate a run or a task (quality and timeliness 1-5,
// notes), list the ratings, and export them as CSV or JSON.
import { z } from 'zod';
import type { Page } from '../model/types';
import type { Rating } from '../model/feedback';

const id = z.string().min(1, 'is required').max(100);
const score = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5');

/** Rates a run (its task is the run's) or, with only taskId, the task as a whole; a second rating replaces the first. */
export const ratingSetInput = z
  .object({
    runId: id.optional(),
    taskId: id.optional(),
    quality: score,
    timeliness: score,
    notes: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
  })
  .superRefine((r, ctx) => {
    if ((r.runId === undefined) === (r.taskId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['runId'], message: 'give either runId or taskId (exactly one of them)' });
    }
  });

export const ratingListInput = z
  .object({
    taskId: id.optional(),
    runId: id.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .prefault({});

export const ratingExportInput = z
  .object({ format: z.enum(['csv', 'json']).default('csv'), taskId: id.optional() })
  .prefault({});

export type RatingPage = Page<Rating>;

export interface RatingExport {
  format: 'csv' | 'json';
  /** The file's text: a header line and one line per rating, or a JSON array. */
  content: string;
  count: number;
}

/** The columns of the CSV export, in order. */
export const ratingCsvColumns = [
  'id',
  'taskId',
  'taskTitle',
  'runId',
  'quality',
  'timeliness',
  'notes',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Rating)[];
