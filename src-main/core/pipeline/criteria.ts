// A task's success criteria at work: their measurables checked when the task is saved, the text a
// verifier is shown, and after a run each criterion's result and the run's completion summary.
import * as jmespath from 'jmespath';
import { criteriaFrom, type CriterionResult, type SuccessCriterion } from '../model/feedback';
import { parseJson } from '../db/repos/json';
import { assertNoParamIssues } from './run-params';
import { outputName, type PipelineStep } from '../model/pipeline';
import { conditionProblems, isTruthy } from './condition';
import { storedParams, type PipelineIssue } from './spec';
import { verdictIn, type StepRole } from './roles';
import type { TemplateScope } from './template';
import type { RunOutcome } from '../model/outcome';
import { errorText } from '../lib/errors';
import type { StoredAssessment } from '../db/repos/feedback-repo';

const SUMMARY_MAX = 4000;

function stepsOf(pipelineJson: string): PipelineStep[] {
  try {
    const parsed = JSON.parse(pipelineJson) as { steps?: unknown } | null;
    return Array.isArray(parsed?.steps) ? (parsed.steps as PipelineStep[]) : [];
  } catch {
    return [];
  }
}

/** Measurables that are not JMESPath over the run context, or read steps and params the pipeline lacks. */
export function criteriaIssues(pipelineJson: string, criteria: readonly SuccessCriterion[]): PipelineIssue[] {
  const stepNames = new Set(stepsOf(pipelineJson).map(outputName));
  const names = {
    params: new Set(Object.keys(storedParams(pipelineJson) ?? {})),
    // Measurables are read after the run, so every step counts as having run before them.
    stepsBefore: stepNames,
    allSteps: stepNames,
  };
  return criteria.flatMap((c, i) =>
    c.measurable === null
      ? []
      : conditionProblems(c.measurable, names).map((message) => ({
          path: `successCriteria[${i}].measurable`,
          message,
        })),
  );
}

interface StepLike {
  id: string;
  role?: StepRole;
  save_as?: string;
  summary?: boolean;
}

/** The last verifier's verdict in a run, if one gave a valid one. */
function lastVerdict(steps: readonly StepLike[], outputs: Readonly<Record<string, unknown>>) {
  for (const step of [...steps].reverse()) {
    if (step.role !== 'verifier') continue;
    const output = outputs[outputName(step)];
    if (output === undefined || output === null) continue;
    const found = verdictIn(output);
    if ('verdict' in found) return { stepId: step.id, verdict: found.verdict, output };
  }
  return undefined;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Refuses (validation_failed) a task whose stored criteria have a bad measurable, naming its path. */
export function assertValidCriteria(columns: { pipeline: string; successCriteria: string }, call: string): void {
  const criteria = criteriaFrom(parseJson<unknown>(columns.successCriteria));
  assertNoParamIssues(criteriaIssues(columns.pipeline, criteria), call);
}

/** Each criterion's result after a run: measurables evaluated, the rest judged by the last verifier. */
export function assessCriteria(
  criteria: readonly SuccessCriterion[],
  scope: TemplateScope,
  steps: readonly StepLike[],
): CriterionResult[] {
  const verdict = lastVerdict(steps, scope.steps);
  return criteria.map((c): CriterionResult => {
    if (c.measurable !== null) {
      try {
        const value: unknown = jmespath.search(scope, c.measurable);
        return { ...c, status: isTruthy(value) ? 'met' : 'unmet', detail: `evaluated to ${describe(value)}` };
      } catch (error) {
        const why = errorText(error);
        return { ...c, status: 'not_checked', detail: `could not be evaluated: ${why}` };
      }
    }
    if (verdict) {
      const said = verdict.verdict.pass ? 'passed' : 'did not pass';
      return { ...c, status: 'judged', detail: `verifier ${verdict.stepId} ${said} the run` };
    }
    return { ...c, status: 'not_checked', detail: null };
  });
}

function textOf(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (typeof output !== 'object' || output === null) return undefined;
  const out = output as Record<string, unknown>;
  const text = [out.summary, out.text, out.result, out.stdout].find((v) => typeof v === 'string');
  return text as string | undefined;
}

/** The run's completion summary: the last step with `summary: true` that gave text, else the verifier's. */
export function completionSummary(
  steps: readonly StepLike[],
  outputs: Readonly<Record<string, unknown>>,
): string | null {
  for (const step of [...steps].reverse()) {
    if (!step.summary) continue;
    const text = textOf(outputs[outputName(step)])?.trim();
    if (text) return text.slice(0, SUMMARY_MAX);
  }
  const summary = lastVerdict(steps, outputs)?.verdict.summary?.trim();
  return summary ? summary.slice(0, SUMMARY_MAX) : null;
}

const ENDED: readonly RunOutcome['status'][] = ['succeeded', 'failed', 'timed_out', 'cancelled'];

/** What an ended run achieved, or nothing to store (still going on, or no criteria and no summary). */
export function assessRun(
  run: { criteria: readonly SuccessCriterion[]; scope: TemplateScope; steps: readonly StepLike[] },
  outcome: RunOutcome,
  now: number,
): StoredAssessment | null {
  if (!ENDED.includes(outcome.status)) return null;
  const summary = completionSummary(run.steps, run.scope.steps);
  if (run.criteria.length === 0 && summary === null) return null;
  return { criteria: assessCriteria(run.criteria, run.scope, run.steps), summary, assessedAt: now };
}
