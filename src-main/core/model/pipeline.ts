// A pipeline's shape: its params and steps, as a zod schema from which the types are derived.
import { z } from 'zod';

export const phases = ['preparation', 'drafting', 'verification', 'execution', 'confirmation'] as const;
export type Phase = (typeof phases)[number];

export const stepRoles = ['drafter', 'verifier', 'executor'] as const;

export const paramTypes = ['string', 'number', 'boolean', 'object', 'array'] as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAME_RULE = 'must start with a letter and hold only letters, digits, _ and -';

/** "missing" for an absent required field; zod's own message otherwise. */
const missing = (issue: { input?: unknown }): string | undefined => (issue.input === undefined ? 'missing' : undefined);
const unknownFields = (issue: { code?: string; keys?: string[] }): string | undefined =>
  issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys?.map((k) => `"${k}"`).join(', ')}` : undefined;

export function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

export const paramSpecSchema = z
  .strictObject(
    {
      type: z.enum(paramTypes, { error: (i) => missing(i) ?? `must be one of ${paramTypes.join(', ')}` }),
      required: z.boolean().optional(),
      default: z.unknown().optional(),
      description: z.string().max(2000).optional(),
    },
    { error: unknownFields },
  )
  .superRefine((p, ctx) => {
    if (p.default !== undefined && typeOf(p.default) !== p.type) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: `must be a ${p.type}, not a ${typeOf(p.default)}` });
    }
  });

export const pipelineStepSchema = z.strictObject(
  {
    id: z.string({ error: missing }).regex(NAME, NAME_RULE),
    uses: z.string({ error: missing }).min(1, 'is required'),
    with: z.record(z.string(), z.unknown()).optional(),
    save_as: z.string().regex(NAME, NAME_RULE).optional(),
    if: z.string().trim().min(1, 'must not be empty').optional(),
    role: z.enum(stepRoles).optional(),
    phase: z.enum(phases).optional(),
    timeout: z.number().int().positive().optional(),
    retry: z.strictObject({ max_attempts: z.number().int().min(1).max(20).optional() }).optional(),
    continue_on_error: z.boolean().optional(),
    /** This step's output text (its `summary`, `text`, `result` or `stdout`) is the run's completion summary. */
    summary: z.boolean().optional(),
  },
  { error: unknownFields },
);
export type PipelineStepSpec = z.output<typeof pipelineStepSchema>;

/** The name a step's output goes by in `steps.<name>`: its save_as, else its id. */
export const outputName = (step: { id: string; save_as?: string }): string => step.save_as ?? step.id;

export const pipelineSchema = z
  .strictObject(
    {
      description: z.string().max(5000).optional(),
      params: z.record(z.string().regex(NAME, NAME_RULE), paramSpecSchema).optional(),
      steps: z.array(pipelineStepSchema, { error: missing }).max(200),
    },
    { error: (i) => unknownFields(i) ?? (i.code === 'invalid_type' ? 'must be an object with steps' : undefined) },
  )
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    const outputs = new Map<string, number>();
    p.steps.forEach((step, i) => {
      if (ids.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `"${step.id}" is used by an earlier step` });
      ids.add(step.id);
      const name = outputName(step);
      const earlier = outputs.get(name);
      if (earlier !== undefined && step.save_as !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'save_as'],
          message: `"${name}" is already the output name of steps[${earlier}]`,
        });
      }
      if (earlier === undefined) outputs.set(name, i);
    });
  });
export type PipelineSpec = z.output<typeof pipelineSchema>;

/** A step as stored and run: the schema's output. */
export type PipelineStep = PipelineStepSpec;

export interface Pipeline {
  params?: Record<string, unknown>;
  steps: PipelineStep[];
}
