// The pipeline spec: JSON or YAML text (or an object) with `params` and `steps`, stored as JSON.
// Checked on write: its shape, each step's tool and `with` against the tool's input schema,
// template references (only to declared params and to steps that run earlier) and `if` syntax.
import { z } from 'zod';
import { yamlLibrary } from '../lib/yaml';
import { AppError, formatPath } from '../lib/errors';
import { describeNestingPath, isStackOverflow, nestingMessage, tooDeepAt } from '../lib/nesting';
import {
  outputName,
  paramSpecSchema,
  pipelineSchema,
  pipelineStepSchema,
  typeOf,
  type Pipeline,
  type PipelineSpec,
  type PipelineStepSpec,
} from '../model/pipeline';
import { conditionProblems } from './condition';
import { toolInput } from './roles';
import { inputIssues, outputFields, readable, type Path, type RawIssue, type ToolLookup } from './spec-tool-schemas';
import { parseTemplate, runFields, stringsIn, taskFields, type TemplateRef } from './template';

const MAX_TEXT = 200_000;

/** Reads pipeline text: JSON, else YAML. Blank text is the empty pipeline. */
export function parsePipelineText(text: string): { value: unknown } | { error: string } {
  if (text.length > MAX_TEXT) return { error: `is longer than ${MAX_TEXT} characters` };
  if (!text.trim()) return { value: { steps: [] } };
  try {
    return boundedDepth(JSON.parse(text));
  } catch (jsonError) {
    try {
      return boundedDepth(yamlLibrary().parse(text, { uniqueKeys: true, prettyErrors: true }));
    } catch (yamlError) {
      if (isStackOverflow(yamlError)) return { error: nestingMessage() };
      const looksLikeJson = /^\s*[[{]/.test(text) && !/^\s*\{\s*[A-Za-z_]+\s*:/.test(text);
      const why = looksLikeJson ? `is not valid JSON: ${String((jsonError as Error).message)}` : yamlMessage(yamlError);
      return { error: why };
    }
  }
}

/** A parsed pipeline, or the place where it nests deeper than anything walking it could follow. */
export function boundedDepth(value: unknown): { value: unknown } | { error: string } {
  const at = tooDeepAt(value);
  return at ? { error: `${nestingMessage()} (at ${describeNestingPath(at)})` } : { value };
}

function yamlMessage(error: unknown): string {
  const first = String((error as Error).message).split('\n')[0] ?? '';
  return `is not valid YAML: ${first}`;
}

/** The contract's pipeline field: text (JSON or YAML) or an object, checked for its shape. */
export const pipelineInput = z.preprocess((value: string | Pipeline, ctx) => {
  const parsed = typeof value === 'string' ? parsePipelineText(value) : boundedDepth(value);
  if ('value' in parsed) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
  return z.NEVER;
}, pipelineSchema);

export interface PipelineIssue {
  path: string;
  message: string;
}
export interface ValidationResult {
  ok: boolean;
  /** The normalised pipeline (what is stored), when its shape is right. */
  pipeline: PipelineSpec | null;
  issues: PipelineIssue[];
}

/** Checks a pipeline given as text or as an object; every problem is reported with its path. */
export function validatePipeline(input: unknown, lookup: ToolLookup): ValidationResult {
  const parsed = typeof input === 'string' ? parsePipelineText(input) : boundedDepth(input);
  if ('error' in parsed) return { ok: false, pipeline: null, issues: [{ path: '', message: parsed.error }] };
  const value = parsed.value;
  const shape = pipelineSchema.safeParse(value);
  const raw: RawIssue[] = shape.success
    ? pipelineIssues(shape.data, lookup)
    : [
        ...shape.error.issues.map((i) => ({ path: i.path as Path, message: readable(i.message) })),
        ...pipelineIssues(leniently(value), lookup),
      ];
  const issues = raw.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return { ok: issues.length === 0, pipeline: shape.success ? shape.data : null, issues };
}

/** The steps of a pipeline whose shape is wrong somewhere: each well-formed step, at its index. */
function leniently(value: unknown): { params?: PipelineSpec['params']; steps: (PipelineStepSpec | null)[] } {
  const raw = (value ?? {}) as { params?: unknown; steps?: unknown };
  const params = z.record(z.string(), paramSpecSchema).safeParse(raw.params ?? {});
  const steps = Array.isArray(raw.steps)
    ? raw.steps.map((s) => {
        const step = pipelineStepSchema.safeParse(s);
        return step.success ? step.data : null;
      })
    : [];
  return { params: params.success ? params.data : {}, steps };
}

/** Throws validation_failed with every issue under `pipeline.`; returns the normalised pipeline. */
export function assertValidPipeline(input: unknown, lookup: ToolLookup, call: string): PipelineSpec {
  const result = validatePipeline(input, lookup);
  if (result.ok && result.pipeline) return result.pipeline;
  const issues = result.issues.map((i) => ({ path: i.path ? `pipeline.${i.path}` : 'pipeline', message: i.message }));
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('validation_failed', `Invalid input for ${call}: ${text}`, { call, issues });
}

/** Run params: the pipeline's defaults, overridden by the values the run was given. */
export function paramsWithDefaults(
  params: PipelineSpec['params'] | undefined,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const defaults = Object.entries(params ?? {}).filter(([, p]) => p.default !== undefined);
  return { ...Object.fromEntries(defaults.map(([name, p]) => [name, p.default])), ...given };
}

const storedParamsSchema = z.record(z.string(), paramSpecSchema);

/** The params a stored pipeline (JSON) declares; none when it declares none or cannot be read. */
export function storedParams(json: string): PipelineSpec['params'] {
  let parsed: { params?: unknown } | null;
  try {
    parsed = JSON.parse(json) as { params?: unknown } | null;
  } catch {
    return {};
  }
  const params = storedParamsSchema.safeParse(parsed?.params ?? {});
  return params.success ? params.data : {};
}

/** What is wrong with the params a run (or a dry run) is given: required ones missing, wrong types. */
export function paramIssues(
  params: PipelineSpec['params'] | undefined,
  given: Record<string, unknown>,
): PipelineIssue[] {
  const issues: PipelineIssue[] = [];
  for (const [name, p] of Object.entries(params ?? {})) {
    const value = given[name];
    if (value === undefined) {
      if (p.required && p.default === undefined) issues.push({ path: `params.${name}`, message: 'missing' });
    } else if (typeOf(value) !== p.type) {
      issues.push({ path: `params.${name}`, message: `must be a ${p.type}, not a ${typeOf(value)}` });
    }
  }
  for (const name of Object.keys(given)) {
    if (!params || !Object.hasOwn(params, name)) {
      issues.push({ path: `params.${name}`, message: 'is not a param of this pipeline' });
    }
  }
  return issues;
}

/** Checks that need the whole pipeline: tools, `with` against their schemas, references, conditions. */
function pipelineIssues(
  spec: { params?: PipelineSpec['params']; steps: readonly (PipelineStepSpec | null)[] },
  lookup: ToolLookup,
): RawIssue[] {
  const issues: RawIssue[] = [];
  const params = new Set(Object.keys(spec.params ?? {}));
  const steps = spec.steps.filter((s): s is PipelineStepSpec => s !== null);
  const allSteps = new Set(steps.map(outputName));
  const stepsBefore = new Map<string, PipelineStepSpec>();
  spec.steps.forEach((step, i) => {
    if (!step) return;
    const at: Path = ['steps', i];
    const tool = lookup(step.uses);
    if (!tool) issues.push({ path: [...at, 'uses'], message: `there is no tool named "${step.uses}"` });
    const input = step.with ?? {};
    for (const { path, text } of stringsIn(input)) {
      for (const message of templateProblems(text, { params, stepsBefore, allSteps, steps, lookup })) {
        issues.push({ path: [...at, 'with', ...path], message });
      }
    }
    // The run's control keys (min_confidence, expires_in) never reach the tool.
    const forTool = toolInput(input) as Record<string, unknown>;
    if (tool) issues.push(...inputIssues(forTool, tool).map((i) => ({ ...i, path: [...at, 'with', ...i.path] })));
    if (step.if !== undefined) {
      const names = { params, stepsBefore: new Set(stepsBefore.keys()), allSteps };
      for (const message of conditionProblems(step.if, names)) issues.push({ path: [...at, 'if'], message });
    }
    stepsBefore.set(outputName(step), step);
  });
  return issues;
}

interface ReferenceNames {
  params: ReadonlySet<string>;
  stepsBefore: ReadonlyMap<string, PipelineStepSpec>;
  allSteps: ReadonlySet<string>;
  steps: readonly PipelineStepSpec[];
  lookup: ToolLookup;
}

function templateProblems(text: string, names: ReferenceNames): string[] {
  if (!text.includes('${')) return [];
  let refs: TemplateRef[];
  try {
    refs = parseTemplate(text).filter((p): p is TemplateRef => typeof p !== 'string');
  } catch (error) {
    return [(error as Error).message];
  }
  return refs.flatMap((ref) => {
    const name = String(ref.path[0]);
    if (ref.root === 'params' && !names.params.has(name)) {
      return [`${ref.text} refers to param "${name}", which the pipeline does not declare`];
    }
    if (ref.root === 'run' || ref.root === 'task') {
      const fields: readonly string[] = ref.root === 'run' ? runFields : taskFields;
      if (ref.path.length === 0 || !fields.includes(name) || ref.path.length > 1) {
        return [`${ref.text}: ${ref.root} has the fields ${fields.join(', ')}`];
      }
    }
    return ref.root === 'steps' ? stepReferenceProblems(ref, name, names) : [];
  });
}

function stepReferenceProblems(ref: TemplateRef, name: string, names: ReferenceNames): string[] {
  const earlier = names.stepsBefore.get(name);
  if (!earlier) {
    const byId = names.steps.find((s) => s.id === name && s.save_as !== undefined);
    if (byId && names.stepsBefore.has(outputName(byId))) {
      return [`${ref.text} refers to step "${name}", whose output is saved as "${byId.save_as}"`];
    }
    return [
      names.allSteps.has(name)
        ? `${ref.text} refers to step "${name}", which does not run before this step`
        : `${ref.text} refers to step "${name}", which does not exist`,
    ];
  }
  const field = ref.path[1];
  const returned = typeof field === 'string' ? outputFields(names.lookup(earlier.uses)) : null;
  if (returned && !returned.includes(field as string)) {
    return [
      `${ref.text} refers to "${field}", which step "${name}" (${earlier.uses}) does not return; it returns ${returned.join(', ')}`,
    ];
  }
  return [];
}
