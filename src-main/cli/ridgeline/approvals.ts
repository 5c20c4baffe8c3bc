// `ridgeline approvals ...`: what halted runs ask, and the answer.
import type { ApprovalStatus } from '../../core/api/contract';
import { approvalStatuses } from '../../core/api/types';
import { noArgs, requiredArg, stringFlag } from './args';
import type { Command, Group } from './command';
import { usageError } from './errors';
import { clip, printJson, status, table, time } from './output';

const ls: Command = {
  name: 'approvals ls',
  summary: 'Lists approvals waiting for you (or in another status).',
  help: `[--status pending|approved|rejected|expired] [--all]

  --status STATUS  only approvals in this status (default pending)
  --all            approvals in every status`,
  flags: { status: { type: 'string' }, all: { type: 'boolean' } },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const given = stringFlag(args.values, 'status');
    if (given !== undefined && !(approvalStatuses as readonly string[]).includes(given)) {
      throw usageError(
        this.name,
        `ridgeline ${this.name}: --status must be one of ${approvalStatuses.join(', ')}, not "${given}".`,
      );
    }
    const filter = args.values.all === true ? {} : { status: (given ?? 'pending') as ApprovalStatus };
    const approvals = await client.call('approvals.list', filter);
    if (out.json) return printJson(out, approvals);
    const rows = approvals.map((a) => [
      a.id,
      clip(a.taskTitle, 32),
      status(out, a.status),
      a.runId,
      clip(a.question, 60),
      time(out, a.createdAt),
    ]);
    out.write(`${table(out, ['ID', 'TASK', 'STATUS', 'RUN', 'QUESTION', 'ASKED'], rows)}\n`);
  },
};

function decide(decision: 'approve' | 'reject', summary: string): Command {
  return {
    name: `approvals ${decision}`,
    summary,
    help: `<approval id> [--note TEXT]

  --note TEXT  why, kept with the decision`,
    flags: { note: { type: 'string' } },
    async run(args, { client, out }) {
      const id = requiredArg(this.name, args, 'approval id');
      const note = stringFlag(args.values, 'note');
      const approval = await client.call('approvals.decide', { id, decision, ...(note ? { note } : {}) });
      if (out.json) return printJson(out, approval);
      out.write(`${status(out, approval.status)}: "${approval.question}" (run ${approval.runId})\n`);
    },
  };
}

export const approvalsGroup: Group = {
  name: 'approvals',
  summary: 'Approvals: halted runs waiting for a person.',
  commands: [
    ls,
    decide('approve', 'Approves: the halted run goes on.'),
    decide('reject', 'Rejects: the halted run stops.'),
  ],
};
