// Approval calls: the pending questions of halted runs, deciding one (approve, approve with edited
// input, reject), and rolling a run back. Every call first expires what is past its expires_at.
import { decideApproval, expireDueApprovals, getApproval, listApprovals } from '../../approvals/decide';
import { createUsageMeter } from '../../cost/meter';
import { AppError } from '../../lib/errors';
import { rollbackRun } from '../../pipeline/rollback';
import { findTool as builtinTool } from '../../tools/registry';
import type { ParsedInput } from '../contract';
import type { HandlerContext } from './context';

export function createApprovalHandlers(context: HandlerContext, dataDir: () => string) {
  const { store, clock } = context;
  return {
    'approvals.list': async ({ status }: ParsedInput<'approvals.list'>) => {
      expireDueApprovals(store, clock.now());
      return listApprovals(store, status);
    },
    'approvals.get': async ({ id }: ParsedInput<'approvals.get'>) => {
      expireDueApprovals(store, clock.now());
      return getApproval(store, id);
    },
    'approvals.decide': async (input: ParsedInput<'approvals.decide'>) =>
      decideApproval(
        store,
        {
          id: input.id,
          decision: input.decision,
          ...(input.input !== undefined ? { input: input.input } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
        },
        clock.now(),
      ),
    'runs.rollback': async ({ runId }: ParsedInput<'runs.rollback'>) => {
      const services = context.runServices;
      if (!services) throw new AppError('not_started', 'Rolling back needs a started runtime.');
      return rollbackRun(
        {
          store,
          clock,
          findTool: context.findTool ?? builtinTool,
          services,
          usageMeter: (runId, task, projectId) =>
            createUsageMeter(
              { store, clock, settings: context.settings, notifier: services.notifier, dataDir: dataDir() },
              { id: runId, taskId: task.id },
              task,
              projectId,
            ),
        },
        runId,
      );
    },
  };
}
