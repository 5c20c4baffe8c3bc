// Gallery calls: templates.list for the board's gallery, templates.install to turn a template into
// a task (validated like any tasks.create call, with its params checked first).
import { taskCreateInput, type ParsedInput, type Task } from '../contract';
import type { HandlerContext } from './context';
import { createTaskHandlers } from './tasks';
import { AppError, validationError } from '../../lib/errors';
import { findTool } from '../../tools/registry';
import { installInput, loadBundledTemplates, type Template } from '../templates-gallery';
import type { TemplateEntry } from '../../model/templates';

export function createTemplateHandlers(context: HandlerContext) {
  // A template may be installed before its project exists (issue 14, item 2 decides how it waits).
  const createTask = createTaskHandlers(context, { stepsNeedProject: false })['tasks.create'];
  let templates: Map<string, Template> | undefined;
  const lookup = context.findTool ?? findTool;
  // Loaded on first use: the tools they are checked against are all registered by then.
  const all = (): Map<string, Template> => (templates ??= loadBundledTemplates(lookup));

  return {
    'templates.list': async (): Promise<TemplateEntry[]> => [...all().values()].map((t) => t.entry),

    'templates.install': async ({ id, params, projectId }: ParsedInput<'templates.install'>): Promise<Task> => {
      const template = all().get(id);
      if (!template) {
        const message = `there is no template "${id}" (there are ${[...all().keys()].join(', ')})`;
        throw new AppError('validation_failed', `Invalid input for templates.install: id: ${message}`, {
          call: 'templates.install',
          issues: [{ path: 'id', message }],
        });
      }
      const input = taskCreateInput.safeParse(installInput(template, params ?? {}, projectId));
      if (!input.success) throw validationError('templates.install', input.error);
      return createTask(input.data);
    },
  };
}
