// Which tasks an agent may leave running on their own: a pipeline made only of steps without side
// effects on the machine runs on its schedule; anything else waits for the user to enable it.
import type { Pipeline } from '../core/api/contract';

/** Tools whose steps an agent-created task may run unattended. */
export const UNATTENDED_TOOLS: ReadonlySet<string> = new Set([
  'wait',
  'llm.generate',
  'llm.structured',
  'http.request',
  'file.read',
  'notify.send',
  'approval.request',
]);

/** The distinct tools of the pipeline that need the user's go-ahead (shell.exec, agent.run, git, ...). */
export function toolsNeedingUser(pipeline: Pipeline | null | undefined): string[] {
  const uses = (pipeline?.steps ?? []).map((step) => step.uses);
  return [...new Set(uses.filter((tool) => !UNATTENDED_TOOLS.has(tool)))];
}

export function pausedUntilEnabledMessage(title: string, tools: string[]): string {
  return (
    `"${title}" stays paused until you enable it in Ridgeline's board, because its pipeline has ` +
    `${tools.join(', ')} steps. An agent cannot resume or run it.`
  );
}
