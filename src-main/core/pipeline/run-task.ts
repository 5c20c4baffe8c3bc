// The task as a run sees it, read once when the run starts: what the executor needs (pipeline,
// timeout) and what tools are told (title, type, success criteria, budget, project).
import { parseJson } from '../db/repos/json';
import { statement } from '../db/statements';
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
  const row = statement(
    store.db,
    `SELECT t.id, t.title, t.task_type AS taskType, t.success_criteria AS successCriteria, t.budget_usd AS budgetUsd,
            t.pipeline, t.timeout_ms AS timeoutMs, t.project_id AS projectId,
            p.name AS projectName, p.work_dir AS workDir, p.repo_url AS repoUrl, p.config AS projectConfig
       FROM tasks t LEFT JOIN projects p ON p.id = t.project_id WHERE t.id = ?`,
  ).get(taskId) as
    | (Omit<RunTask, 'successCriteria' | 'project'> & {
        successCriteria: string;
        projectName: string | null;
        workDir: string | null;
        repoUrl: string | null;
        projectConfig: string | null;
      })
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    taskType: row.taskType,
    successCriteria: parseJson<string[]>(row.successCriteria) ?? [],
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
