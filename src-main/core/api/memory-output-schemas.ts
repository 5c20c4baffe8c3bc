// Output schemas of the calls that read a task's memory between runs: its progress log, its shared
// context and its versions, and the occurrence ledger.
import { z } from 'zod';
import type { ContextVersionView, TaskContextView, TaskProgressLog } from './task-memory-io';
import { occurrenceCauses, occurrenceOutcomes, type OccurrencesOverview, type TaskOccurrences } from './occurrences-io';
import { exactly, instant, record } from './output-schema-kit';

export const taskProgressLogOutput = exactly<TaskProgressLog>()(
  z.strictObject({
    taskId: z.string(),
    items: z.array(
      z.strictObject({
        id: z.number().int(),
        runId: z.string().nullable(),
        stepId: z.string().nullable(),
        percent: z.number().nullable(),
        message: z.string(),
        createdAt: instant,
      }),
    ),
  }),
);

export const contextVersionOutput = exactly<ContextVersionView>()(
  z.strictObject({
    version: z.number().int(),
    document: record,
    runId: z.string().nullable(),
    stepId: z.string().nullable(),
    createdAt: instant,
  }),
);

export const taskContextOutput = exactly<TaskContextView>()(
  z.strictObject({
    taskId: z.string(),
    current: contextVersionOutput.nullable(),
    versions: z.array(contextVersionOutput),
  }),
);

const occurrenceSummaryOutput = z.strictObject({
  total: z.number().int(),
  ran: z.number().int(),
  counts: z.strictObject(
    Object.fromEntries(occurrenceOutcomes.map((o) => [o, z.number().int()])) as Record<
      (typeof occurrenceOutcomes)[number],
      z.ZodNumber
    >,
  ),
  missedBy: z.strictObject(
    Object.fromEntries(occurrenceCauses.map((c) => [c, z.number().int().optional()])) as Record<
      (typeof occurrenceCauses)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  ),
});

export const taskOccurrencesOutput = exactly<TaskOccurrences>()(
  z.strictObject({
    taskId: z.string(),
    title: z.string(),
    from: instant,
    to: instant,
    items: z.array(
      z.strictObject({
        taskId: z.string(),
        occurrenceAt: instant,
        outcome: z.enum(occurrenceOutcomes),
        cause: z.enum(occurrenceCauses).nullable(),
        runId: z.string().nullable(),
        delayedTo: instant.nullable(),
        recordedAt: instant,
      }),
    ),
    summary: occurrenceSummaryOutput,
  }),
);

export const occurrencesOverviewOutput = exactly<OccurrencesOverview>()(
  z.strictObject({
    from: instant,
    to: instant,
    tasks: z.number().int(),
    totals: occurrenceSummaryOutput,
    items: z.array(z.strictObject({ taskId: z.string(), title: z.string(), summary: occurrenceSummaryOutput })),
  }),
);
