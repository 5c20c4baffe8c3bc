// What each coding-agent step of a pipeline lets its agent do, in words for the task form and the
// run's steps: its permission envelope (in the CLI's own terms) and where it works. The runtime
// checks the envelope when the task is saved; this only reads it.
export interface AgentEnvelope {
  stepId: string;
  cli: string;
  /** "may use Read, Edit; permission mode acceptEdits", or the CLI's defaults. */
  may: string;
  /** Where the agent works: its own worktree on the task branch, or the directory itself. */
  where: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The envelope of an agent.run step's input (`with`), or null for any other step. */
export function envelopeOf(stepId: string, uses: unknown, input: unknown): AgentEnvelope | null {
  if (uses !== 'agent.run') return null;
  const given = record(input) ?? {};
  const cli = typeof given.cli === 'string' ? given.cli : 'agent';
  const p = record(given.permissions) ?? {};
  const parts: string[] = [];
  if (Array.isArray(p.allowed_tools)) {
    parts.push(p.allowed_tools.length > 0 ? `may use ${p.allowed_tools.join(', ')}` : 'may use no tool');
  }
  if (typeof p.permission_mode === 'string') parts.push(`permission mode ${p.permission_mode}`);
  if (typeof p.sandbox === 'string') parts.push(`sandbox ${p.sandbox}`);
  if (typeof p.ask_for_approval === 'string') parts.push(`asks for approval: ${p.ask_for_approval}`);
  if (typeof p.goose_mode === 'string') parts.push(`mode ${p.goose_mode}`);
  return {
    stepId,
    cli,
    may: parts.length > 0 ? parts.join('; ') : `${cli}'s own defaults`,
    where: given.isolation === 'none' ? 'in the work directory itself' : "in its own worktree on the task's branch",
  };
}

/** The envelopes of a pipeline's agent.run steps, in step order. */
export function pipelineEnvelopes(pipeline: unknown): AgentEnvelope[] {
  const steps = record(pipeline)?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((raw) => {
    const step = record(raw);
    const found = step ? envelopeOf(String(step.id ?? '?'), step.uses, step.with) : null;
    return found ? [found] : [];
  });
}
