// Usage calls: what the model calls cost, per provider, model, day, task and run, and where the
// budgets stand.
import { usageSummary } from '../../cost/summary';
import { AppError } from '../../lib/errors';
import type { ParsedInput } from '../contract';
import type { HandlerContext } from './context';

export function createUsageHandlers(context: HandlerContext) {
  return {
    'usage.summary': async (input: ParsedInput<'usage.summary'>) => {
      const fromMs = input.from === undefined ? undefined : Date.parse(input.from);
      const toMs = input.to === undefined ? undefined : Date.parse(input.to);
      if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
        throw new AppError('validation_failed', 'to: must be later than from', { from: input.from, to: input.to });
      }
      return usageSummary(
        context.store,
        context.settings.get(),
        { fromMs, toMs, taskId: input.taskId, runId: input.runId },
        context.clock.now(),
        { from: input.from ?? null, to: input.to ?? null },
      );
    },
  };
}
