// Gallery calls: templates.list for the board's gallery, templates.install to turn a template into
// a task (validated like any tasks.create call, with its params checked first).
import { taskCreateInput, type ParsedInput, type Task } from '../contract';
import type { HandlerContext } from './context';
import { createTaskHandlers } from './tasks';
import { AppError, validationError } from '../../lib/errors';
import { findTool } from '../../tools/registry';
import { installInput, loadBundledTemplates, type Template } from '../templates-gallery';
import type { TemplateEntry } from '../../model/templates';
import type { NotifierStatus, SecretStore } from '../../ports';
import { isSecretCatalog, type SecretSource } from '../../settings/secret-names';
import { findOnPath, type PathEnv } from '../../tools/program-path';
import { checkNeeds, pausedReasonOf, templateNeeds } from '../template-needs';
import type { NeedCheck, TemplateCheck } from '../template-needs-io';

/** What checking a template's needs reads of the host. */
export interface TemplateNeedDeps {
  secrets: SecretStore;
  /** Whether the host can show notifications; a host that cannot tell leaves it out. */
  notifierStatus?: () => Promise<NotifierStatus>;
  /** Where programs are looked for; the process's own environment unless a test says otherwise. */
  env?: PathEnv;
}

export function createTemplateHandlers(context: HandlerContext, needDeps: TemplateNeedDeps) {
  // A template may be installed before its project exists (issue 14, item 2 decides how it waits).
  const createTask = createTaskHandlers(context, { stepsNeedProject: false })['tasks.create'];
  let templates: Map<string, Template> | undefined;
  const lookup = context.findTool ?? findTool;
  // Loaded on first use: the tools they are checked against are all registered by then.
  const all = (): Map<string, Template> => (templates ??= loadBundledTemplates(lookup));
  const env = needDeps.env ?? process.env;

  function templateOf(id: string, call: 'templates.install' | 'templates.check'): Template {
    const template = all().get(id);
    if (template) return template;
    const message = `there is no template "${id}" (there are ${[...all().keys()].join(', ')})`;
    throw new AppError('validation_failed', `Invalid input for ${call}: id: ${message}`, {
      call,
      issues: [{ path: 'id', message }],
    });
  }

  async function secretSource(name: string): Promise<SecretSource> {
    const { secrets } = needDeps;
    if (isSecretCatalog(secrets)) return secrets.source(name);
    return (await secrets.get(name)) !== undefined ? 'env' : 'missing';
  }

  async function check(template: Template, projectId: string | null | undefined): Promise<NeedCheck[]> {
    const settings = context.settings.get();
    return checkNeeds(templateNeeds(template.entry.needs, template.pipeline, settings), {
      settings,
      secretSource,
      findProgram: (program) => findOnPath(program, env),
      searchPath: env.PATH ?? '',
      notifications: needDeps.notifierStatus ?? (async () => ({ available: true })),
      project: projectId ? context.store.projects.get(projectId) : undefined,
    });
  }

  return {
    'templates.list': async (): Promise<TemplateEntry[]> => [...all().values()].map((t) => t.entry),

    'templates.check': async ({ id, projectId }: ParsedInput<'templates.check'>): Promise<TemplateCheck> => {
      const needs = await check(templateOf(id, 'templates.check'), projectId);
      return { id, ready: needs.every((n) => n.met), needs };
    },

    /** Installing with needs unmet is allowed: the task is created paused, saying what it waits for. */
    'templates.install': async ({ id, params, projectId }: ParsedInput<'templates.install'>): Promise<Task> => {
      const template = templateOf(id, 'templates.install');
      const input = taskCreateInput.safeParse(installInput(template, params ?? {}, projectId));
      if (!input.success) throw validationError('templates.install', input.error);
      const pausedReason = pausedReasonOf(await check(template, projectId));
      return createTask(input.data, pausedReason ? { pausedReason } : undefined);
    },
  };
}
