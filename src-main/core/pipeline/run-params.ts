// Param values stored on a task and given to a run, checked against the pipeline's declared params
// when they are written: a wrong type, an unknown name or a required param left without a value
// is refused then, with its path, instead of failing every run of the task.
import { AppError } from '../lib/errors';
import type { Redactor } from '../lib/redact';
import { paramIssues, storedParams, type PipelineIssue } from './spec';

export type ParamValues = Record<string, unknown>;

/** The param values stored in a JSON column; none when it cannot be read. */
export function parseParamValues(json: string): ParamValues {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ParamValues) : {};
  } catch {
    return {};
  }
}

/**
 * What is wrong with the values given for a pipeline's params (`pipeline` as stored, JSON):
 * unknown names, wrong types, and values the redactor would mask. Params are stored in the
 * database with the task and its runs, and a masked value would reach the steps as `[redacted]`,
 * so a secret is refused here rather than stored or silently replaced.
 */
export function paramValueIssues(pipeline: string, values: ParamValues, redactor: Redactor): PipelineIssue[] {
  const optional = Object.fromEntries(
    Object.entries(storedParams(pipeline) ?? {}).map(([name, p]) => [name, { ...p, required: false }]),
  );
  const issues = paramIssues(optional, values);
  for (const [name, value] of Object.entries(values)) {
    const entry = { [name]: value };
    if (JSON.stringify(redactor.value(entry)) !== JSON.stringify(entry)) {
      issues.push({
        path: `params.${name}`,
        message: 'holds a secret; params are stored with the task and its runs, so keep it in Secrets instead',
      });
    }
  }
  return issues;
}

/** The declared params that are required, have no default and have no value in `values`. */
export function missingParamIssues(pipeline: string, values: ParamValues): PipelineIssue[] {
  return Object.entries(storedParams(pipeline) ?? {})
    .filter(([name, p]) => p.required && p.default === undefined && values[name] === undefined)
    .map(([name]) => ({ path: `params.${name}`, message: 'required, no default and no stored value' }));
}

/** Throws validation_failed naming every issue, as the API's input validation does. */
export function assertNoParamIssues(issues: readonly PipelineIssue[], call: string): void {
  if (issues.length === 0) return;
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('validation_failed', `Invalid input for ${call}: ${text}`, { call, issues });
}
