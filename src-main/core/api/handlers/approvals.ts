// Approval calls: the pending questions of halted runs, deciding one (approve, approve with edited
// input, reject). Every call first expires what is past its expires_at.
import { decideApproval, expireDueApprovals, getApproval, listApprovals } from '../../approvals/decide';
import type { ParsedInput } from '../contract';
import type { HandlerContext } from './context';

export function createApprovalHandlers(context: HandlerContext) {
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
  };
}
