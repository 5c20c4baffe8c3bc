// The permission envelopes of coding-agent steps: what each agent may do and where it works.
import type { AgentEnvelope } from '../lib/agent-envelope';

export function AgentEnvelopes({ envelopes }: { envelopes: AgentEnvelope[] }) {
  if (envelopes.length === 0) return null;
  return (
    <ul className="field-hint agent-envelopes" data-testid="agent-envelopes" aria-label="What coding agents may do">
      {envelopes.map((e) => (
        <li key={e.stepId} data-testid="agent-envelope">
          <code>{e.stepId}</code> ({e.cli}): {e.may}; works {e.where}. Asking for more stops the run for your approval.
        </li>
      ))}
    </ul>
  );
}
