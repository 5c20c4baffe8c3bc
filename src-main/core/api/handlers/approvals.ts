// Approval calls: the pending questions of halted runs, deciding one (approve, approve with edited
// input checked against the step's output schema, reject, and for a budget halt continue over budget
// or raise the budget), and rolling a run back. Every call first expires what is past its expires_at.
import { decideApproval, expireDueApprovals, getApproval, listApprovals } from '../../approvals/decide';
import { checkEditedOutput } from '../../approvals/edited-output';
import { raiseBudgetAndResume, type BudgetSetters } from '../../approvals/raise-budget';
import { createUsageMeter } from '../../cost/meter';
import { AppError } from '../../lib/errors';
import { rollbackRun } from '../../pipeline/rollback';
import { findTool as builtinTool } from '../../tools/registry';
import type { ParsedInput } from '../contract';
import type { HandlerContext } from './context';

export function createApprovalHandlers(context: HandlerContext, dataDir: () => string, setters: BudgetSetters) {
  const { store, clock } = context;
  const findTool = (name: string) => (context.findTool ?? builtinTool)(name);
  return {
    'approvals.list': async ({ status }: ParsedInput<'approvals.list'>) => {
      expireDueApprovals(store, clock.now());
      return listApprovals(store, status);
    },
    'approvals.get': async ({ id }: ParsedInput<'approvals.get'>) => {
      expireDueApprovals(store, clock.now());
      return getApproval(store, id);
    },
    'approvals.decide': async (input: ParsedInput<'approvals.decide'>) => {
      const decision = {
        id: input.id,
        decision: input.decision,
        ...(input.input !== undefined ? { input: input.input } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      if (input.decision === 'raise_budget' && input.budgetUsd !== undefined) {
        const { settings } = context;
        return raiseBudgetAndResume(
          { store, clock, settings, setters },
          { ...decision, decision: 'raise_budget', budgetUsd: input.budgetUsd },
        );
      }
      if (input.input !== undefined) checkEditedOutput(store, input.id, input.input, findTool);
      return decideApproval(store, decision, clock.now());
    },
    'runs.rollback': async ({ runId }: ParsedInput<'runs.rollback'>) => {
      const services = context.runServices;
      if (!services) throw new AppError('not_started', 'Rolling back needs a started runtime.');
      return rollbackRun(
        {
          store,
          clock,
          findTool,
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
