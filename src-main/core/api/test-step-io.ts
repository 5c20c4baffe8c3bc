// pipelines.testStep: runs one step of the pipeline being edited, for real, with sample params.
import { z } from 'zod';
export type { TestStepResult } from '../pipeline/test-step';

/** Ten minutes: a step worth trying from the editor finishes well within it. */
export const MAX_TEST_STEP_MS = 600_000;

export const pipelineTestStepInput = z.object({
  pipeline: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: 'must be pipeline text (JSON or YAML) or an object',
  }),
  stepId: z.string().min(1, 'is required').max(100),
  params: z.record(z.string(), z.unknown()).optional(),
  /** Sample outputs of earlier steps, by save_as or id, for the references the step reads. */
  outputs: z.record(z.string(), z.unknown()).optional(),
  /** The task the pipeline belongs to, when it is stored: its title, type, project and budget apply. */
  taskId: z.string().min(1).max(100).optional(),
  /** The project to run in, when the task is not stored yet (or to try another). */
  projectId: z.string().min(1).max(100).nullish(),
  timeoutMs: z
    .number()
    .int()
    .positive('must be more than 0')
    .max(MAX_TEST_STEP_MS, `must be at most ${MAX_TEST_STEP_MS} (ten minutes)`)
    .default(60_000),
});
