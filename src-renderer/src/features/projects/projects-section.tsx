// The projects list (Settings page): create, edit and delete. Deleting a project keeps its tasks,
// without a project; the confirmation names them and says which of them cannot run until moved.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { BoardTask, Project } from '../../api/contract-types';
import { ProjectDialog } from './project-dialog';
import './projects.css';

const needsProject = (task: BoardTask): boolean => task.tools.some((tool) => tool === 'git' || tool === 'agent.run');

function DeleteConfirm({ project, onDone }: { project: Project; onDone(deleted: boolean): void }) {
  const api = useApi();
  const [tasks, setTasks] = useState<BoardTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.call('tasks.list', { projectId: project.id, limit: 500 }).then(
      (page) => current && setTasks(page.items),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [api, project.id]);

  const remove = async () => {
    setBusy(true);
    try {
      await api.call('projects.delete', { id: project.id });
      onDone(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const stuck = tasks?.filter(needsProject) ?? [];
  return (
    <div className="project-delete" role="group" aria-label={`Confirm deleting ${project.name}`}>
      {tasks === null && !error && <p>Looking for its tasks…</p>}
      {tasks?.length === 0 && <p>Delete “{project.name}”? No task uses it.</p>}
      {tasks && tasks.length > 0 && (
        <>
          <p>
            Delete “{project.name}”? {tasks.length === 1 ? 'Its task is' : `Its ${tasks.length} tasks are`} kept,
            without a project:
          </p>
          <ul data-testid="project-delete-tasks">
            {tasks.map((t) => (
              <li key={t.id}>
                {t.title}
                {needsProject(t) && (
                  <strong> (has git or coding-agent steps: they cannot run until you choose another project)</strong>
                )}
              </li>
            ))}
          </ul>
          {stuck.length > 0 && <p className="muted">Runs of those tasks fail until each is given a project again.</p>}
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => onDone(false)} disabled={busy}>
          Keep project
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => void remove()}
          disabled={busy || tasks === null}
        >
          Delete project
        </button>
      </div>
    </div>
  );
}

export function ProjectsSection() {
  const api = useApi();
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.call('projects.list', {}).then(setProjects, (e: Error) => setLoadError(e.message));
  }, [api]);
  useEffect(reload, [reload]);

  return (
    <section className="settings-section" aria-labelledby="projects-title">
      <h2 id="projects-title">Projects</h2>
      <p className="muted">
        A project is a git checkout on this machine. Tasks with git or coding-agent steps work inside their project.
      </p>
      {loadError && (
        <p className="form-error" role="alert">
          Projects could not be loaded: {loadError}
        </p>
      )}
      {projects?.length === 0 && <p>No projects yet.</p>}
      <ul className="project-list" data-testid="project-list">
        {projects?.map((p) => (
          <li key={p.id} className="project-row" data-testid="project-row">
            <div className="project-facts">
              <strong>{p.name}</strong>
              <span className="mono muted">{p.workDir ?? 'no work directory'}</span>
              <span className="muted">
                {p.taskCount === 1 ? '1 task' : `${p.taskCount} tasks`}
                {p.config.skipGitPush ? ' · no push' : ' · pushes'}
                {p.config.skipPrCreation ? ' · no pull requests' : ' · opens pull requests'}
              </span>
            </div>
            <div className="project-buttons">
              <button type="button" className="button" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                Edit
              </button>
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => setDeleting(p.id)}
                aria-label={`Delete ${p.name}`}
              >
                Delete
              </button>
            </div>
            {deleting === p.id && (
              <DeleteConfirm
                project={p}
                onDone={(deleted) => {
                  setDeleting(null);
                  if (deleted) reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
        New project
      </button>
      {editing && (
        <ProjectDialog project={editing === 'new' ? null : editing} onSaved={reload} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
