// Run calls: history, one run with its steps and log, cancel, retry now, roll back, and the queue's state.
import { AppError, notFound } from '../../lib/errors';
import { isoAt } from '../../lib/time-format';
import { cancelRun, retryRunNow } from '../../queue/cancel';
import { queueStatus, runDetails } from '../../queue/status';
import { rollbackRun } from '../../pipeline/rollback';
import type { ParsedInput, Run } from '../contract';
import type { HandlerContext } from './context';
import { runFeedback } from './run-feedback';

export function createRunHandlers(context: HandlerContext) {
  const { store, clock } = context;
  const load = (id: string): Run => {
    const row = store.runs.get(id);
    if (!row) throw notFound('Run', id);
    return store.runs.toApi(row);
  };
  return {
    'runs.list': async ({ from, to, ...input }: ParsedInput<'runs.list'>) => {
      const fromMs = from === undefined ? undefined : Date.parse(from);
      const toMs = to === undefined ? undefined : Date.parse(to);
      if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
        throw new AppError('validation_failed', 'to: must be later than from', { from, to });
      }
      const { items, total, nextCursor } = store.runs.list({ ...input, fromMs, toMs });
      return { items, total, limit: input.limit, offset: input.offset, nextCursor };
    },
    'runs.get': async ({ id }: ParsedInput<'runs.get'>) => ({
      ...runDetails(store, id),
      usageByStep: store.apiUsage.usageByStep(id),
      ...runFeedback(store, id),
    }),
    'runs.logs': async ({ id, afterId, limit }: ParsedInput<'runs.logs'>) => {
      load(id);
      return store.runLogs.listForRun(id, afterId, limit).map((l) => ({ ...l, loggedAt: isoAt(l.loggedAt) }));
    },
    'runs.cancel': async ({ id }: ParsedInput<'runs.cancel'>) => cancelRun(store, id, clock.now()),
    'runs.retry': async ({ id }: ParsedInput<'runs.retry'>) => retryRunNow(store, id, clock.now()),
    'queue.status': async () => queueStatus(store, clock.now()),
    'runs.rollback': async ({ runId }: ParsedInput<'runs.rollback'>) => {
      const services = context.runServices;
      if (!services) throw new AppError('not_started', 'Rolling back needs a started runtime.');
      return rollbackRun({ store, clock, services }, runId);
    },
  };
}
