// The task as a run sees it, read once when the run starts: what the executor needs (pipeline,
// timeout) and what tools are told (title, type, success criteria, budget, project).
import { parseJson } from '../db/repos/json';
import { criteriaFrom } from '../model/feedback';
import type { Store } from '../store';
import type { ToolProjectInfo, ToolTaskInfo } from '../tools/tool';

/** The task as a run sees it: what the executor needs and what tools are told. */
export interface RunTask extends ToolTaskInfo {
  pipeline: string;
  timeoutMs: number | null;
  projectId: string | null;
  project: ToolProjectInfo | null;
}

export function loadRunTask(store: Store, taskId: string): RunTask | undefined {
  const row = store.tasks.runTaskRow(taskId);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    taskType: row.taskType,
    successCriteria: criteriaFrom(parseJson<unknown>(row.successCriteria)),
    budgetUsd: row.budgetUsd,
    pipeline: row.pipeline,
    timeoutMs: row.timeoutMs,
    projectId: row.projectId,
    project:
      row.projectId && row.projectName
        ? {
            id: row.projectId,
            name: row.projectName,
            workDir: row.workDir,
            repoUrl: row.repoUrl,
            config: parseJson<Record<string, unknown>>(row.projectConfig ?? '{}') ?? {},
          }
        : null,
  };
}
