// A dry run: validates a pipeline, then renders each step's `if` and `with` with sample params
// (and, when given, sample outputs of earlier steps) exactly as a run would. It runs nothing:
// a step output nobody supplied shows as `<steps.x.y>`, and an `if` that reads one is undecided.
import { formatPath } from '../lib/errors';
import { isoAt } from '../lib/time-format';
import { ConditionError, evaluateCondition, stepsReadBy } from './condition';
import { renderedInputIssues } from './dry-run-input';
import { outputName, type PipelineSpec } from '../model/pipeline';
import { paramIssues, paramsWithDefaults, validatePipeline, type PipelineIssue } from './spec';
import type { ToolLookup } from './spec-tool-schemas';
import { renderValue, TemplateError, type TemplateScope } from './template';

export interface DryRunInput {
  pipeline: unknown;
  params?: Record<string, unknown>;
  task?: { id?: string; title?: string; type?: string };
  /** Sample outputs of steps, by save_as or id, for the references that read them. */
  outputs?: Record<string, unknown>;
}

export interface DryRunStep {
  id: string;
  uses: string;
  /** The step's `if`: passed is null when it reads an output a dry run does not have. */
  condition: { expression: string; passed: boolean | null; note?: string } | null;
  /** True when the `if` was false: a run would skip the step. */
  skipped: boolean;
  /** The `with` the tool would get; null when skipped or when rendering failed. */
  input: unknown;
  error: string | null;
}

export interface DryRunResult {
  ok: boolean;
  pipeline: PipelineSpec | null;
  issues: PipelineIssue[];
  steps: DryRunStep[];
}

export interface DryRunDeps {
  lookup: ToolLookup;
  now: number;
  timezone: string;
}

export function dryRunPipeline(input: DryRunInput, deps: DryRunDeps): DryRunResult {
  const validation = validatePipeline(input.pipeline, deps.lookup);
  const spec = validation.pipeline;
  if (!spec) return { ok: false, pipeline: null, issues: validation.issues, steps: [] };
  const given = input.params ?? {};
  const issues = [...validation.issues, ...paramIssues(spec.params, given)];
  const scope: TemplateScope = {
    params: paramsWithDefaults(spec.params, given),
    steps: { ...input.outputs },
    run: { id: 'dry-run', attempt: 1, trigger: 'manual' },
    task: {
      id: input.task?.id ?? 'dry-run',
      title: input.task?.title ?? 'Untitled task',
      type: input.task?.type ?? 'general',
      successCriteria: [],
    },
    now: isoAt(deps.now),
  };
  const steps = spec.steps.map((step, index) => {
    const result = dryRunStep(step, scope, deps.timezone);
    const tool = deps.lookup(step.uses);
    if (result.error !== null || result.skipped || !tool) return result;
    // A real run refuses these at the step's start; the dry run says so now, with the step's path.
    const found = renderedInputIssues(result.input, tool).map((issue) => ({
      path: formatPath(['steps', index, 'with', ...issue.path]),
      message: issue.message,
    }));
    issues.push(...found);
    if (found.length > 0) {
      result.error = found.map((i) => `${i.path.replace(`steps[${index}].`, '')}: ${i.message}`).join('; ');
    }
    return result;
  });
  const ok = issues.length === 0 && steps.every((s) => s.error === null);
  return { ok, pipeline: spec, issues, steps };
}

function dryRunStep(step: PipelineSpec['steps'][number], scope: TemplateScope, timezone: string): DryRunStep {
  const result: DryRunStep = {
    id: step.id,
    uses: step.uses,
    condition: null,
    skipped: false,
    input: null,
    error: null,
  };
  const name = outputName(step);
  if (step.if !== undefined) {
    const unknown = stepsReadBy(step.if).filter((s) => !Object.hasOwn(scope.steps, s));
    if (unknown.length > 0) {
      result.condition = {
        expression: step.if,
        passed: null,
        note: `decided at run time: reads the output of ${unknown.map((s) => `step "${s}"`).join(', ')}`,
      };
    } else {
      try {
        result.condition = { expression: step.if, passed: evaluateCondition(step.if, scope) };
      } catch (error) {
        if (!ConditionError.isInstance(error)) throw error;
        result.error = error.message;
        return result;
      }
      if (!result.condition.passed) {
        result.skipped = true;
        scope.steps[name] = null;
        return result;
      }
    }
  }
  try {
    result.input = renderValue(step.with ?? {}, scope, {
      timezone,
      where: `steps.${step.id}.with`,
      placeholderForMissingSteps: true,
    });
  } catch (error) {
    if (!TemplateError.isInstance(error)) throw error;
    result.error = error.message;
  }
  return result;
}
