// The templates gallery: ready-made tasks bundled from resources/templates, one JSON file each
// (a tasks.create input plus what the gallery shows), checked when they are loaded.
import { z } from 'zod';
import { taskCreateInput } from './contract';
import { AppError } from '../lib/errors';
import type { PipelineSpec } from '../model/pipeline';
import { paramIssues, validatePipeline } from '../pipeline/spec';
import type { ToolLookup } from '../pipeline/spec-tool-schemas';
import { templateNeedKinds, type TemplateEntry } from '../model/templates';

const files = import.meta.glob<unknown>('../../../resources/templates/*.json', { eager: true, import: 'default' });

const needSchema = z.strictObject({
  kind: z.enum(templateNeedKinds),
  name: z.string().min(1, 'is required'),
  why: z.string().min(1, 'is required'),
});

/** A template file: the gallery's fields, then the task exactly as tasks.create takes it. */
export const templateFileSchema = taskCreateInput
  .extend({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and -'),
    name: z.string().min(1, 'is required').max(100),
    summary: z.string().min(1, 'is required').max(500),
    needs: z.array(needSchema),
    /** Values a dry run of the template uses for its params. */
    sampleParams: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type TemplateFile = z.output<typeof templateFileSchema>;

export interface Template {
  entry: TemplateEntry;
  file: TemplateFile;
  pipeline: PipelineSpec;
}

/** Reads and checks one template; a problem names the file and the field. */
export function loadTemplate(source: string, raw: unknown, lookup: ToolLookup): Template {
  const parsed = templateFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const checked = validatePipeline(file.pipeline ?? { steps: [] }, lookup);
  if (!checked.ok || !checked.pipeline) {
    const text = checked.issues.map((i) => `pipeline.${i.path}: ${i.message}`).join('; ');
    throw new Error(`${source}: ${text}`);
  }
  const pipeline = checked.pipeline;
  return {
    file,
    pipeline,
    entry: {
      id: file.id,
      name: file.name,
      summary: file.summary,
      needs: file.needs,
      title: file.title,
      schedule: file.schedule
        ? { kind: file.schedule.kind, expr: file.schedule.expr ?? null, timezone: file.schedule.timezone ?? null }
        : null,
      params: Object.entries(pipeline.params ?? {}).map(([name, p]) => ({
        name,
        type: p.type,
        description: p.description ?? null,
        default: p.default ?? null,
        required: p.required ?? false,
      })),
      tools: [...new Set(pipeline.steps.map((s) => s.uses))],
    },
  };
}

/** Every bundled template, by id, in file-name order. */
export function loadBundledTemplates(lookup: ToolLookup): Map<string, Template> {
  const templates = new Map<string, Template>();
  for (const [path, raw] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const template = loadTemplate(path.slice(path.lastIndexOf('/') + 1), raw, lookup);
    templates.set(template.entry.id, template);
  }
  return templates;
}

/**
 * The tasks.create input that installs a template: the given params become the pipeline's param
 * defaults, so every scheduled run uses them. Bad params fail with the param named.
 */
export function installInput(
  template: Template,
  params: Record<string, unknown>,
  projectId: string | null | undefined,
): z.input<typeof taskCreateInput> {
  const issues = paramIssues(template.pipeline.params, params).map((i) => ({
    path: i.path,
    message: i.message,
  }));
  if (issues.length > 0) {
    const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new AppError('validation_failed', `Invalid input for templates.install: ${text}`, {
      call: 'templates.install',
      issues,
    });
  }
  const declared = template.pipeline.params ?? {};
  const withDefaults = Object.fromEntries(
    Object.entries(declared).map(([name, p]) => [name, name in params ? { ...p, default: params[name] } : p]),
  );
  const { id: _id, name: _name, summary: _summary, needs: _needs, sampleParams: _sample, ...task } = template.file;
  return {
    ...task,
    ...(projectId !== undefined ? { projectId } : {}),
    pipeline: { ...template.pipeline, ...(Object.keys(withDefaults).length > 0 ? { params: withDefaults } : {}) },
  };
}
