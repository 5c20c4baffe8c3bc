// tasks.progress, tasks.context and tasks.resetContext: a task's progress log and its shared
// context as the board, the CLI and agents read them. A reset is a new, empty version, so what
// runs wrote before it stays in the history.
import { notFound } from '../../lib/errors';
import { isoAt } from '../../lib/time-format';
import type { ContextVersion, ProgressEntry } from '../../db/repos/task-memory-repo';
import type { ContextVersionView, ParsedInput, ProgressEntryView } from '../contract';
import type { HandlerContext } from './context';

function progressView(entry: ProgressEntry): ProgressEntryView {
  return {
    id: entry.id,
    runId: entry.runId,
    stepId: entry.stepId,
    percent: entry.percent,
    message: entry.message,
    createdAt: isoAt(entry.createdAt),
  };
}

function versionView(version: ContextVersion): ContextVersionView {
  return {
    version: version.version,
    document: version.document,
    runId: version.runId,
    stepId: version.stepId,
    createdAt: isoAt(version.createdAt),
  };
}

export function createTaskMemoryHandlers({ store, clock }: Pick<HandlerContext, 'store' | 'clock'>) {
  const titleOf = (taskId: string): string => {
    const task = store.tasks.get(taskId);
    if (!task) throw notFound('Task', taskId);
    return task.title;
  };
  return {
    'tasks.progress': async ({ taskId, runId, limit }: ParsedInput<'tasks.progress'>) => {
      titleOf(taskId);
      const items = store.taskMemory.listProgress({ taskId, limit, ...(runId ? { runId } : {}) });
      return { taskId, items: items.map(progressView) };
    },
    'tasks.context': async ({ taskId, versions }: ParsedInput<'tasks.context'>) => {
      titleOf(taskId);
      const listed = store.taskMemory.listContextVersions(taskId, versions).map(versionView);
      return { taskId, current: listed[0] ?? null, versions: listed };
    },
    'tasks.resetContext': async ({ taskId }: ParsedInput<'tasks.resetContext'>) => {
      const title = titleOf(taskId);
      const written = store.write((tx) => {
        const version = store.taskMemory.writeContext({ taskId, document: {}, runId: null, stepId: null }, clock.now());
        tx.record({
          type: 'task:context_reset',
          taskId,
          summary: `The shared context of ${title} was reset (version ${version.version})`,
          payload: { version: version.version },
        });
        return version;
      });
      return versionView(written);
    },
  };
}
