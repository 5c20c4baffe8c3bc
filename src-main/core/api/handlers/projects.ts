// Project calls. Deleting a project keeps its tasks and leaves them without a project. A work
// directory is checked when it is saved: it must exist and be a git repository.
import { AppError, notFound } from '../../lib/errors';
import { checkWorkDir, type WorkDirCheck } from '../../projects/work-dir';
import { newId } from '../../lib/ids';
import type { Clock } from '../../lib/clock';
import type { Store } from '../../store';
import type { ProjectColumns } from '../../db/repos/projects-repo';
import type { ParsedInput, Project } from '../contract';

export function createProjectHandlers(store: Store, clock: Clock) {
  function assertNameFree(name: string, exceptId?: string): void {
    const other = store.projects.findByName(name);
    if (other && other.id !== exceptId) {
      throw new AppError('conflict', `name: a project named "${name}" already exists`, {
        issues: [{ path: 'name', message: `a project named "${name}" already exists` }],
      });
    }
  }

  function assertUsableWorkDir(call: string, workDir: string | null | undefined): void {
    if (!workDir) return;
    const { problem } = checkWorkDir(workDir);
    if (!problem) return;
    throw new AppError('validation_failed', `Invalid input for ${call}: workDir: ${problem}`, {
      call,
      issues: [{ path: 'workDir', message: problem }],
    });
  }

  return {
    'projects.checkWorkDir': async ({ path }: ParsedInput<'projects.checkWorkDir'>): Promise<WorkDirCheck> =>
      checkWorkDir(path),

    'projects.create': async (input: ParsedInput<'projects.create'>): Promise<Project> => {
      assertNameFree(input.name);
      assertUsableWorkDir('projects.create', input.workDir);
      return store.write((tx) => {
        const project = store.projects.insert(
          newId(),
          {
            name: input.name,
            repo_url: input.repoUrl ?? null,
            work_dir: input.workDir ?? null,
            config: {
              skipGitPush: input.config?.skipGitPush ?? true,
              skipPrCreation: input.config?.skipPrCreation ?? true,
            },
          },
          clock.now(),
        );
        tx.record({
          type: 'project:created',
          summary: `Created project "${project.name}"`,
          payload: { projectId: project.id },
        });
        return project;
      });
    },

    'projects.list': async (): Promise<Project[]> => store.projects.list(),

    'projects.update': async ({ id, ...f }: ParsedInput<'projects.update'>): Promise<Project> => {
      const before = store.projects.get(id);
      if (!before) throw notFound('Project', id);
      if (f.name !== undefined) assertNameFree(f.name, id);
      // An unchanged directory that has since moved does not block renaming the project.
      if (f.workDir !== undefined && f.workDir !== before.workDir) assertUsableWorkDir('projects.update', f.workDir);
      const columns: ProjectColumns = {
        name: f.name ?? before.name,
        repo_url: f.repoUrl !== undefined ? (f.repoUrl ?? null) : before.repoUrl,
        work_dir: f.workDir !== undefined ? (f.workDir ?? null) : before.workDir,
        config: { ...before.config, ...f.config },
      };
      return store.write((tx) => {
        const project = store.projects.update(id, columns, clock.now());
        tx.record({
          type: 'project:updated',
          summary: `Updated project "${project.name}"`,
          payload: { projectId: id },
        });
        return project;
      });
    },

    'projects.delete': async ({ id }: ParsedInput<'projects.delete'>): Promise<{ id: string }> =>
      store.write((tx) => {
        const project = store.projects.get(id);
        if (!project) throw notFound('Project', id);
        const taskIds = store.tasks.idsInProject(id);
        store.projects.delete(id);
        tx.record({
          type: 'project:deleted',
          summary: `Deleted project "${project.name}"`,
          payload: { projectId: id, taskIds },
        });
        for (const taskId of taskIds) tx.publish('task:updated', { task: store.tasks.get(taskId)! });
        return { id };
      }),
  };
}
