// Roles and phases of pipeline steps (seed 000): a drafter proposes, a verifier returns a verdict
// against the task's success criteria, an executor acts. The uncertainty detector reads a step's
// output (or its 'halt' failure) and names every reason the run should stop and ask a person.
import { z } from 'zod';
import type { Phase, RunError } from '../model/types';

export type StepRole = 'drafter' | 'verifier' | 'executor';

/** What a verifier step must answer, as its structured `object` (llm.structured) or its output. */
export const verdictSchema = z.object({
  pass: z.boolean(),
  confidence: z.number().min(0).max(1),
  issues: z.array(z.string()),
  /** What the run achieved, in a sentence or two: the run's completion summary unless a step gives one. */
  summary: z.string().optional(),
});
export type Verdict = z.output<typeof verdictSchema>;

/** Below this a verifier's confidence halts the run, unless the step sets `with.min_confidence`. */
export const DEFAULT_MIN_CONFIDENCE = 0.7;

/**
 * Keys of a step's `with` that steer the run around the step instead of going to its tool:
 * `min_confidence` (0..1) for a verifier, `expires_in` for the approval a halt asks for.
 */
export const STEP_CONTROL_KEYS = ['min_confidence', 'expires_in'] as const;

/** The input the tool gets: the step's rendered `with` without the control keys. */
export function toolInput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const entries = Object.entries(input).filter(([key]) => !(STEP_CONTROL_KEYS as readonly string[]).includes(key));
  return Object.fromEntries(entries);
}

const DEFAULT_PHASE: Record<StepRole, Phase> = {
  drafter: 'drafting',
  verifier: 'verification',
  executor: 'execution',
};

/** A step's phase: the one it names, else the one its role implies. */
export function phaseOf(step: { role?: StepRole; phase?: string }): string | null {
  return step.phase ?? (step.role ? DEFAULT_PHASE[step.role] : null);
}

export type SignalKind =
  | 'low_confidence'
  | 'verifier_failed'
  | 'verifier_disagreement'
  | 'invalid_verdict'
  | 'hedging'
  | 'invalid_output'
  | 'budget'
  | 'approval_requested'
  | 'permission'
  | 'halt';

/** One reason to stop: machine-readable kind, the step, and a sentence a person can read. */
export interface UncertaintySignal {
  kind: SignalKind;
  stepId: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A verifier's verdict seen earlier in the run, for the disagreement check. */
export interface EarlierVerdict {
  stepId: string;
  verdict: Verdict;
}

/** The step that proposed and the steps that checked so far, with the ids checkpoints record. */
export interface RoleHistory {
  drafter: { stepId: string; agentId: string } | null;
  verifier: { stepId: string; agentId: string } | null;
  verdicts: EarlierVerdict[];
}

export const emptyRoleHistory = (): RoleHistory => ({ drafter: null, verifier: null, verdicts: [] });

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `<provider>:<model>` when the output (or the input) names them, else the step id. */
export function agentIdOf(stepId: string, output: unknown, input?: unknown): string {
  for (const source of [record(output), record(input)]) {
    if (typeof source?.provider === 'string' && typeof source.model === 'string') {
      return `${source.provider}:${source.model}`;
    }
  }
  return stepId;
}

/** The verdict in a verifier's output: its `object` when it has one, else the output itself. */
export function verdictIn(output: unknown): { verdict: Verdict } | { problem: string } {
  const out = record(output);
  const candidate = out && 'object' in out ? out.object : output;
  const parsed = verdictSchema.safeParse(candidate);
  if (parsed.success) return { verdict: parsed.data };
  const problem = parsed.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(verdict)'}: ${i.message}`)
    .join('; ');
  return { problem };
}

/** The history after a step: replayed and executed steps both go through here. */
export function withStep(
  history: RoleHistory,
  step: { id: string; role?: StepRole },
  output: unknown,
  input?: unknown,
): RoleHistory {
  if (step.role === 'drafter') {
    return { ...history, drafter: { stepId: step.id, agentId: agentIdOf(step.id, output, input) } };
  }
  if (step.role !== 'verifier') return history;
  const found = verdictIn(output);
  return {
    ...history,
    verifier: { stepId: step.id, agentId: agentIdOf(step.id, output, input) },
    verdicts:
      'verdict' in found ? [...history.verdicts, { stepId: step.id, verdict: found.verdict }] : history.verdicts,
  };
}

/** The history of the steps before one, from their outputs (steps skipped or not reached count not). */
export function historyBefore(
  steps: readonly { id: string; role?: StepRole; save_as?: string }[],
  outputs: Readonly<Record<string, unknown>>,
): RoleHistory {
  return steps.reduce((history, step) => {
    const output = outputs[step.save_as ?? step.id];
    return output === undefined || output === null ? history : withStep(history, step, output);
  }, emptyRoleHistory());
}

/** The drafter and verifier ids a step's checkpoint records (seed 000). */
export function agentIdsFor(
  step: { id: string; role?: StepRole },
  history: RoleHistory,
  output?: unknown,
  input?: unknown,
): { drafterAgentId: string | null; verifierAgentId: string | null } {
  const own = agentIdOf(step.id, output, input);
  if (step.role === 'drafter') return { drafterAgentId: own, verifierAgentId: null };
  if (step.role === 'verifier') return { drafterAgentId: history.drafter?.agentId ?? null, verifierAgentId: own };
  return { drafterAgentId: history.drafter?.agentId ?? null, verifierAgentId: history.verifier?.agentId ?? null };
}

/**
 * Phrases by which a model says it does not know. Matched as whole words, case-insensitively, with
 * typographic apostrophes folded, and outside code blocks (code may say "unclear" for its own reasons).
 */
export const HEDGING_PHRASES: readonly string[] = [
  "i'm not sure",
  'i am not sure',
  "i'm not certain",
  'i am not certain',
  'i cannot verify',
  "i can't verify",
  'i could not verify',
  "i couldn't verify",
  'i am unable to verify',
  "i'm unable to verify",
  'i cannot confirm',
  "i can't confirm",
  "i don't know",
  'i do not know',
  'might be',
  'may or may not',
  'not confident',
  'unclear',
  'hard to say',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const hedgingPattern = new RegExp(`(?<![\\w'])(${HEDGING_PHRASES.map(escapeRegExp).join('|')})(?![\\w'])`, 'g');

/** The hedging phrases in a text, each once, in the order they first appear. */
export function hedgingIn(text: string): string[] {
  const prose = text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
  const found: string[] = [];
  for (const match of prose.matchAll(hedgingPattern)) {
    const phrase = match[1]!;
    if (!found.includes(phrase)) found.push(phrase);
  }
  return found;
}

/** A draft's prose: a model's `text`, a coding agent's `result`, a command's `stdout`, or a plain string. */
function textOf(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  const out = record(output);
  const text = [out?.text, out?.result, out?.stdout].find((value) => typeof value === 'string');
  return text as string | undefined;
}

/** The threshold for a step: its `with.min_confidence` when valid, else the default. */
export function minConfidenceOf(input: unknown): number {
  const value = record(input)?.min_confidence;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_MIN_CONFIDENCE;
}

/** A bad `with.min_confidence`, named with its path; undefined when it is absent or valid. */
export function minConfidenceProblem(stepId: string, input: unknown): string | undefined {
  const value = record(input)?.min_confidence;
  if (value === undefined || (typeof value === 'number' && value >= 0 && value <= 1)) return undefined;
  return `steps.${stepId}.with.min_confidence: must be a number from 0 to 1`;
}

/** Why a step's successful output should not be trusted without a person: empty when it can go on. */
export function assessOutput(
  step: { id: string; role?: StepRole },
  output: unknown,
  history: RoleHistory,
  minConfidence: number = DEFAULT_MIN_CONFIDENCE,
): UncertaintySignal[] {
  const signals: UncertaintySignal[] = [];
  if (step.role === 'drafter') {
    const text = textOf(output);
    const phrases = text === undefined ? [] : hedgingIn(text);
    if (phrases.length > 0) {
      signals.push({
        kind: 'hedging',
        stepId: step.id,
        message: `the draft hedges (${phrases.map((p) => `"${p}"`).join(', ')})`,
        details: { phrases },
      });
    }
  }
  if (step.role !== 'verifier') return signals;
  const found = verdictIn(output);
  if ('problem' in found) {
    signals.push({
      kind: 'invalid_verdict',
      stepId: step.id,
      message: `verifier ${step.id} gave no valid verdict (${found.problem})`,
      details: { problem: found.problem },
    });
    return signals;
  }
  const { verdict } = found;
  if (verdict.confidence < minConfidence) {
    signals.push({
      kind: 'low_confidence',
      stepId: step.id,
      message: `verifier confidence ${verdict.confidence.toFixed(2)} is below ${minConfidence.toFixed(2)}`,
      details: { confidence: verdict.confidence, minConfidence },
    });
  }
  if (!verdict.pass) {
    const issues = verdict.issues.length > 0 ? `: ${verdict.issues.join('; ')}` : '';
    signals.push({
      kind: 'verifier_failed',
      stepId: step.id,
      message: `verifier ${step.id} did not pass the draft${issues}`,
      details: { issues: verdict.issues },
    });
  }
  const other = history.verdicts.find((v) => v.verdict.pass !== verdict.pass);
  if (other) {
    signals.push({
      kind: 'verifier_disagreement',
      stepId: step.id,
      message: `verifiers disagree: ${other.stepId} said ${other.verdict.pass ? 'pass' : 'fail'}, ${step.id} said ${verdict.pass ? 'pass' : 'fail'}`,
      details: { other: other.stepId },
    });
  }
  return signals;
}

/** The signal of a step that failed with kind 'halt': an approval step, a budget, or invalid output. */
export function assessHalt(stepId: string, message: string, details: Record<string, unknown>): UncertaintySignal {
  if (record(details.approvalRequest)) return { kind: 'approval_requested', stepId, message };
  if (record(details.permissionRequest)) {
    return {
      kind: 'permission',
      stepId,
      message,
      details: { request: details.permissionRequest, envelope: details.envelope },
    };
  }
  if (typeof details.budget === 'string') return { kind: 'budget', stepId, message, details: { ...details } };
  if ('rawText' in details) {
    return {
      kind: 'invalid_output',
      stepId,
      message,
      details: { problem: details.problem, attempts: details.attempts },
    };
  }
  return { kind: 'halt', stepId, message };
}

const REASON: Record<SignalKind, string> = {
  low_confidence: 'uncertain',
  verifier_failed: 'uncertain',
  verifier_disagreement: 'uncertain',
  invalid_verdict: 'uncertain',
  hedging: 'uncertain',
  invalid_output: 'invalid_output',
  budget: 'budget_reached',
  approval_requested: 'approval_requested',
  permission: 'permission_requested',
  halt: 'halted',
};

/** Seed 000's `{ reason, error, signals }` for a halt; signals read `kind@step: message`. */
export function haltError(signals: readonly UncertaintySignal[]): RunError {
  const first = signals[0];
  if (!first) throw new Error('haltError needs at least one signal');
  return {
    reason: REASON[first.kind],
    error: signals.map((s) => s.message).join('; '),
    signals: signals.map((s) => `${s.kind}@${s.stepId}: ${s.message}`),
  };
}
