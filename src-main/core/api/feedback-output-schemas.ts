// What the ratings calls answer, for the OpenAPI document; each checked against its contract type.
import { z } from 'zod';
import type { Rating } from '../model/feedback';
import { exactly, instant, page } from './output-schema-kit';
import type { RatingExport, RatingPage } from './ratings-io';

export const ratingOutput = exactly<Rating>()(
  z.strictObject({
    id: z.string(),
    taskId: z.string(),
    taskTitle: z.string(),
    runId: z.string().nullable(),
    quality: z.number().int().min(1).max(5),
    timeliness: z.number().int().min(1).max(5),
    notes: z.string(),
    createdAt: instant,
    updatedAt: instant,
  }),
);

export const ratingPageOutput = exactly<RatingPage>()(page(ratingOutput));

export const ratingExportOutput = exactly<RatingExport>()(
  z.strictObject({ format: z.enum(['csv', 'json']), content: z.string(), count: z.number().int() }),
);
