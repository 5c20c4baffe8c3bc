import { describe, expect, it } from 'vitest';
import { envelopeOf, pipelineEnvelopes } from '../../../src-renderer/src/lib/agent-envelope';

describe('what a coding agent may do, as the board says it', () => {
  it("names each agent step's envelope and where it works, in step order", () => {
    const pipeline = {
      steps: [
        {
          id: 'chore',
          uses: 'agent.run',
          with: {
            cli: 'claude',
            prompt: 'x',
            permissions: { allowed_tools: ['Read', 'Edit'], permission_mode: 'plan' },
          },
        },
        { id: 'tell', uses: 'notify.send', with: { title: 't', body: 'b' } },
        { id: 'build', uses: 'agent.run', with: { cli: 'codex', prompt: 'y', isolation: 'none' } },
      ],
    };
    expect(pipelineEnvelopes(pipeline)).toEqual([
      {
        stepId: 'chore',
        cli: 'claude',
        may: 'may use Read, Edit; permission mode plan',
        where: "in its own worktree on the task's branch",
      },
      { stepId: 'build', cli: 'codex', may: "codex's own defaults", where: 'in the work directory itself' },
    ]);
  });

  it('reads nothing from other steps or from a pipeline still being typed', () => {
    expect(envelopeOf('s', 'shell.exec', { argv: ['ls'] })).toBeNull();
    expect(pipelineEnvelopes({ steps: 'not yet' })).toEqual([]);
    expect(pipelineEnvelopes(null)).toEqual([]);
    expect(envelopeOf('a', 'agent.run', { cli: 'goose', permissions: { goose_mode: 'approve' } })?.may).toBe(
      'mode approve',
    );
  });
});
