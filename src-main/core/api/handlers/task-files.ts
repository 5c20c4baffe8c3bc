// tasks.export and tasks.import: tasks as YAML documents in the gallery templates' shape, for the
// CLI, MCP clients and the board alike. Import checks every document first and then creates all
// of them in one transaction, or none.
import { z } from 'zod';
import { yamlLibrary } from '../../lib/yaml';
import { notFound } from '../../lib/errors';
import { newTaskId } from '../../lib/ids';
import type { TaskColumns } from '../../db/repos/tasks-repo';
import { validatePipeline } from '../../pipeline/spec';
import { missingParamIssues, paramValueIssues, parseParamValues } from '../../pipeline/run-params';
import { nextOccurrence, specFromColumns, taskScheduleIssues } from '../../scheduler/task-schedule';
import { isDocumentObject, readDocument, taskToDocument } from '../../task-files/document';
import { taskCreateInput, type ParsedInput, type Task } from '../contract';
import { formatPath } from '../../lib/errors';
import type { TaskExport, TaskImportIssue, TaskImportResult } from '../task-io';
import { newTaskColumns } from '../../db/repos/task-columns';
import { applyFields } from './tasks';
import { toolLookupOf, type PipelineHandlerContext } from './pipelines';

const documentInput = taskCreateInput.extend({ paused: z.boolean().optional() });
type DocumentInput = z.output<typeof documentInput>;

interface CheckedDocument {
  title: string;
  columns: TaskColumns;
}

export function createTaskFileHandlers(context: PipelineHandlerContext) {
  const { store, clock, settings } = context;
  const lookup = toolLookupOf(context);

  function taskById(id: string): Task {
    const task = store.tasks.get(id);
    if (!task) throw notFound('Task', id);
    return task;
  }

  function allTasks(projectId: string | undefined): Task[] {
    const tasks: Task[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = store.tasks.list({ sort: 'created', limit: 500, offset, ...(projectId ? { projectId } : {}) });
      tasks.push(...page.items);
      if (tasks.length >= page.total || page.items.length === 0) break;
    }
    // Oldest first, so a file reads in the order the tasks were made.
    return tasks.reverse();
  }

  /** Every issue of one document, or its columns when it has none. */
  function checkDocument(value: DocumentInput, now: number, report: (path: string, message: string) => void) {
    const columns = applyFields(newTaskColumns(), value);
    if (value.paused) columns.paused = 1;
    if (value.pipeline !== undefined) {
      const checked = validatePipeline(value.pipeline, lookup);
      for (const issue of checked.issues) report(issue.path ? `pipeline.${issue.path}` : 'pipeline', issue.message);
      if (!checked.ok) return undefined;
    }
    const stored = parseParamValues(columns.params);
    const paramIssues = [
      ...paramValueIssues(columns.pipeline, stored, store.redactor),
      ...missingParamIssues(columns.pipeline, stored),
    ];
    for (const issue of paramIssues) report(issue.path, issue.message);
    const spec = specFromColumns(columns, settings.get().displayTimezone, now);
    const scheduleIssues = taskScheduleIssues(spec, now);
    for (const issue of scheduleIssues) report(issue.path, issue.message);
    return paramIssues.length + scheduleIssues.length === 0 ? columns : undefined;
  }

  function checkAll(input: ParsedInput<'tasks.import'>, now: number) {
    const issues: TaskImportIssue[] = [];
    const checked: CheckedDocument[] = [];
    const file = input.file ?? null;
    if (input.projectId && !store.projects.get(input.projectId)) {
      issues.push({
        file,
        document: 0,
        title: null,
        path: 'projectId',
        message: `project ${input.projectId} does not exist`,
      });
    }
    const documents = yamlLibrary().parseAllDocuments(input.yaml, { prettyErrors: false });
    const list = Array.isArray(documents) ? documents : [documents];
    list.forEach((doc, index) => {
      const add = (title: string | null) => (path: string, message: string) =>
        issues.push({ file, document: index, title, path, message });
      if (doc.errors.length > 0) {
        for (const error of doc.errors) add(null)('', `is not valid YAML: ${error.message}`);
        return;
      }
      const raw: unknown = doc.toJS();
      if (raw === null || raw === undefined) return;
      if (!isDocumentObject(raw))
        return add(null)('', 'must be a task: a mapping with a title, a schedule, a pipeline');
      const reading = readDocument(raw);
      const title = typeof reading.input.title === 'string' ? reading.input.title : null;
      const report = add(title);
      for (const key of reading.unknownKeys) report(key, 'is not a field of a task file');
      const parsed = documentInput.safeParse(reading.input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(formatPath(issue.path), issue.message);
        return;
      }
      const columns = checkDocument(parsed.data, now, report);
      if (columns && reading.unknownKeys.length === 0) {
        if (input.projectId) columns.projectId = input.projectId;
        checked.push({ title: parsed.data.title, columns });
      }
    });
    if (checked.length === 0 && issues.length === 0) {
      issues.push({ file, document: 0, title: null, path: '', message: 'holds no task' });
    }
    return { issues, checked };
  }

  return {
    'tasks.export': async ({ ids, projectId }: ParsedInput<'tasks.export'>): Promise<TaskExport> => {
      const tasks = ids ? ids.map(taskById) : allTasks(projectId);
      // A task holds no secret values (params refuse them), but a literal one typed into a step is masked.
      const yaml = tasks
        .map((task) => store.redactor.text(yamlLibrary().stringify(taskToDocument(task))))
        .join('---\n');
      return { yaml, count: tasks.length };
    },

    'tasks.import': async (input: ParsedInput<'tasks.import'>): Promise<TaskImportResult> => {
      const now = clock.now();
      const { issues, checked } = checkAll(input, now);
      if (issues.length > 0 || input.dryRun)
        return { ok: issues.length === 0, dryRun: input.dryRun, created: [], issues };
      const created = store.write((tx) =>
        checked.map(({ title, columns }) => {
          const id = newTaskId();
          store.tasks.insert(id, columns, now);
          const spec = specFromColumns(columns, settings.get().displayTimezone, now);
          const next = columns.paused ? null : nextOccurrence(spec, now);
          store.scheduler.setNext(id, { runAt: next, occurrenceAt: next }, null);
          const task = store.tasks.get(id)!;
          tx.record({ type: 'task:created', taskId: id, summary: `Imported "${title}"` });
          tx.publish('task:created', { task });
          return { id, title };
        }),
      );
      context.scheduleChanged();
      return { ok: true, dryRun: false, created, issues: [] };
    },
  };
}
