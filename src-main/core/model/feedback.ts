// Success criteria (seed 004: `{ criterion, measurable }`), what a run achieved against them, its
// completion summary, and people's ratings of runs and tasks.
import { z } from 'zod';

/** A criterion as given: a plain string, or seed 004's object whose `measurable` may be JMESPath. */
export const successCriterionInput = z.union([
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(500)
    .transform((criterion) => ({ criterion, measurable: null })),
  z.strictObject({
    criterion: z.string().trim().min(1, 'is empty').max(500),
    measurable: z
      .string()
      .trim()
      .max(1000)
      .nullish()
      .transform((m) => (m ? m : null)),
  }),
]);

export interface SuccessCriterion {
  criterion: string;
  /** A JMESPath expression over the run context, evaluated after the run; null when a person or the verifier judges. */
  measurable: string | null;
}

/** Stored criteria: objects since seed 004, plain strings before; anything else is dropped. */
export function criteriaFrom(value: unknown): SuccessCriterion[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const parsed = successCriterionInput.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export const criterionStatuses = ['met', 'unmet', 'judged', 'not_checked'] as const;
export type CriterionStatus = (typeof criterionStatuses)[number];

/** One criterion's result for a run. */
export interface CriterionResult extends SuccessCriterion {
  /** met / unmet by its measurable, judged by the run's verifier, or not checked. */
  status: CriterionStatus;
  /** Why: the measurable's value, the verifier's verdict, or the error that kept it unchecked. */
  detail: string | null;
}

/** What a run achieved, written once it ended. */
export interface RunAssessment {
  criteria: CriterionResult[];
  /** From the step that declares `summary: true`, else the verifier's verdict summary. */
  summary: string | null;
  assessedAt: string;
}

export interface Rating {
  id: string;
  taskId: string;
  taskTitle: string;
  /** Null when the rating is of the task as a whole. */
  runId: string | null;
  quality: number;
  timeliness: number;
  notes: string;
  createdAt: string;
  updatedAt: string;
}
