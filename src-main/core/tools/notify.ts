// notify.send: a desktop notification from a pipeline step, tied to the run so that clicking it
// opens the run in the board. The runtime masks secrets in its texts before it is shown.
import { z } from 'zod';
import { notificationKinds } from '../settings/schema';
import { defineTool, ToolError } from './tool';

export const notifySendInput = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    body: z.string().max(4_000, 'must be at most 4000 characters').default(''),
    /** Which setting decides whether it is shown (quiet hours, notification policy); shown by default. */
    kind: z.enum(notificationKinds).optional(),
  })
  .strict();

export const notifySendOutput = z.object({ sent: z.literal(true) });

export const notifySend = defineTool({
  name: 'notify.send',
  description:
    'Shows a desktop notification about this run; clicking it opens the run. kind, when given, lets the ' +
    "user's notification settings and the task's policy decide whether it is shown.",
  input: notifySendInput,
  output: notifySendOutput,
  async execute(input, context) {
    if (context.signal.aborted) throw new ToolError('cancelled', 'notify.send was cancelled');
    await context.services.notify({
      title: input.title,
      body: input.body,
      ...(input.kind ? { kind: input.kind } : {}),
      runId: context.runId,
      taskId: context.taskId,
    });
    context.log({ stream: 'system', message: `notification sent: ${input.title}` });
    return { sent: true as const };
  },
});
