// approval.request: a pipeline step that stops the run and asks the user a question. The first time
// it runs it halts (the run waits as awaiting_approval); once approved, the run resumes and the step
// replays with the decision as its output: { approved, input (the user's edited input), note }.
// A rejection ends the run, so the step never returns one.
import { z } from 'zod';
import { defineTool, ToolError } from './tool';

export const approvalRequestInput = z
  .object({
    question: z.string().trim().min(1, 'is empty').max(2000, 'must be at most 2000 characters'),
    /** Shown with the question: what the user should look at before deciding. */
    context: z.unknown().optional(),
    /**
     * How long the question waits: milliseconds or "30m", "24h", "7d" (default 24 h); then it is
     * rejected. Read by the runtime as for any step (see pipeline/roles.ts STEP_CONTROL_KEYS).
     */
    expires_in: z.union([z.number().int().positive(), z.string().regex(/^\s*\d+\s*[smhd]\s*$/)]).optional(),
  })
  .strict();

export const approvalRequestOutput = z.object({
  approved: z.literal(true),
  /** What the user gave with "approve with edited input", else null. */
  input: z.unknown(),
  note: z.string().nullable(),
});

export const approvalRequest = defineTool({
  name: 'approval.request',
  description:
    'Stops the run and asks the user `question` (with optional `context`). The run waits without holding a ' +
    "slot until they approve (optionally with edited input, which becomes this step's `input` output) or " +
    'reject (the run fails as rejected). Unanswered, it expires after `expires_in` (default 24h) as a rejection.',
  input: approvalRequestInput,
  output: approvalRequestOutput,
  async execute(input) {
    throw new ToolError('halt', input.question, {
      approvalRequest: { question: input.question, context: input.context ?? null },
    });
  },
});
