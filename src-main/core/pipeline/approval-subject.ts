// What a person is asked to judge when a run halts: not the verifier's verdict but what it checked
// (the drafter's text, the diff of a git or coding-agent step), or the halted step's own output.
// Masked before it is cut, so no piece of a secret is shown, and cut with a marker when long.
import type { ApprovalContext } from '../model/outcome';
import type { ApprovalSubject } from '../model/types';
import type { Store } from '../store';

/** Longer content is cut here, with a marker saying how much was left out. */
export const SUBJECT_MAX_CHARS = 20_000;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Prose an output carries: a model's `text`, a coding agent's `result`, a command's `stdout`. */
function proseOf(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  const out = record(output);
  const text = [out?.text, out?.result, out?.stdout].find((value) => typeof value === 'string' && value !== '');
  return text as string | undefined;
}

const looksLikeDiff = (text: string): boolean => /^(diff --git |--- \S.*\n\+\+\+ \S)/m.test(text);

function describe(output: unknown): { kind: ApprovalSubject['kind']; content: string } {
  const out = record(output);
  if (out?.action === 'diff' && typeof out.text === 'string') return { kind: 'diff', content: out.text };
  // A coding agent's worktree: its diff is what it did, whatever it said about it.
  const worktree = record(out?.worktree);
  if (typeof worktree?.diff === 'string') {
    return { kind: 'diff', content: worktree.diff === '' ? '(the agent changed nothing)' : worktree.diff };
  }
  if (out && 'object' in out) return { kind: 'output', content: JSON.stringify(out.object ?? null, null, 2) };
  const prose = proseOf(output);
  if (prose !== undefined) return { kind: looksLikeDiff(prose) ? 'diff' : 'draft', content: prose };
  return { kind: 'output', content: JSON.stringify(output ?? null, null, 2) };
}

/** The subject of one step's output, masked and cut for showing. */
export function subjectOf(store: Store, stepId: string, output: unknown): ApprovalSubject {
  const { kind, content } = describe(output);
  const masked = store.redactor.text(content);
  const truncated = masked.length > SUBJECT_MAX_CHARS;
  const shown = truncated
    ? `${store.redactor.head(masked, SUBJECT_MAX_CHARS)}\n[… ${masked.length - SUBJECT_MAX_CHARS} more characters not shown]`
    : masked;
  return { kind, title: `the ${kind} of step '${stepId}'`, stepId, content: shown, truncated };
}

/** The completed steps before the halted one, oldest first, each with its latest output. */
function earlierOutputs(store: Store, runId: string, haltedStepId: string) {
  const latest = new Map<string, { stepId: string; role: string | null; output: unknown }>();
  for (const checkpoint of store.checkpoints.listForRun(runId)) {
    if (checkpoint.status !== 'complete' || checkpoint.stepName === haltedStepId) continue;
    const output = record(checkpoint.stateSnapshot)?.output;
    if (output === undefined || output === null) continue;
    latest.delete(checkpoint.stepName);
    latest.set(checkpoint.stepName, { stepId: checkpoint.stepName, role: checkpoint.role, output });
  }
  return [...latest.values()];
}

/**
 * What the halted step asks a person to judge. A verifier or an approval step judges what came
 * before it: the latest drafter's or executor's output (else the latest step's). Any other step is
 * judged on its own output. A budget halt has none: it stopped before the step ran.
 */
export function judgedSubject(store: Store, runId: string, context: ApprovalContext): ApprovalSubject | null {
  if (context.signals.some((signal) => signal.kind === 'budget')) return null;
  const judgesEarlier = context.kind === 'approval_step' || context.step.role === 'verifier';
  if (judgesEarlier) {
    const earlier = earlierOutputs(store, runId, context.step.id);
    const judged = earlier.filter((e) => e.role === 'drafter' || e.role === 'executor').at(-1) ?? earlier.at(-1);
    if (judged) return subjectOf(store, judged.stepId, judged.output);
  }
  return 'output' in context ? subjectOf(store, context.step.id, context.output) : null;
}
