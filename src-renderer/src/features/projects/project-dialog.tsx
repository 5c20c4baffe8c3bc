// Create or edit one project: name, repository URL, the work directory (checked by the host to exist
// and be a git repository as it is typed), and whether git steps may push and open pull requests.
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { CallOutput, Project } from '../../api/contract-types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { useUnsavedChanges } from '../../lib/unsaved-changes';

type WorkDirCheck = CallOutput<'projects.checkWorkDir'>;
const CHECK_DEBOUNCE_MS = 300;

interface ProjectDialogProps {
  /** The project to edit; null for a new one. */
  project: Project | null;
  onSaved(project: Project): void;
  onClose(): void;
}

/** The host's verdict on the typed folder; answers to older text are dropped. */
function useWorkDirCheck(path: string): WorkDirCheck | null {
  const api = useApi();
  const [answer, setAnswer] = useState<WorkDirCheck | null>(null);
  useEffect(() => {
    if (!path.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      api.call('projects.checkWorkDir', { path }).then(
        (check) => current && setAnswer(check),
        () => current && setAnswer(null),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, path]);
  return path.trim() && answer?.path === path.trim() ? answer : null;
}

export function ProjectDialog({ project, onSaved, onClose }: ProjectDialogProps) {
  const api = useApi();
  const [name, setName] = useState(project?.name ?? '');
  const [repoUrl, setRepoUrl] = useState(project?.repoUrl ?? '');
  const [workDir, setWorkDir] = useState(project?.workDir ?? '');
  const [allowPush, setAllowPush] = useState(project ? !project.config.skipGitPush : false);
  const [allowPr, setAllowPr] = useState(project ? !project.config.skipPrCreation : false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useWorkDirCheck(workDir);
  const dirty =
    name !== (project?.name ?? '') ||
    repoUrl !== (project?.repoUrl ?? '') ||
    workDir !== (project?.workDir ?? '') ||
    allowPush !== (project ? !project.config.skipGitPush : false) ||
    allowPr !== (project ? !project.config.skipPrCreation : false);
  const { release, leave } = useUnsavedChanges(dirty, project ? `the project "${project.name}"` : 'the new project');
  const close = () => leave(onClose);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFormError(null);
    const fields = {
      name,
      repoUrl: repoUrl.trim() || null,
      workDir: workDir.trim() || null,
      config: { skipGitPush: !allowPush, skipPrCreation: !allowPr },
    };
    try {
      const saved = project
        ? await api.call('projects.update', { id: project.id, ...fields })
        : await api.call('projects.create', fields);
      onSaved(saved);
      release();
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        setFormError('Some fields need another look.');
      } else {
        setFormError(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const workDirError =
    errors.workDir && !check
      ? `Work directory ${errors.workDir}`
      : check?.problem
        ? `Work directory ${check.problem}`
        : undefined;

  return (
    <Dialog title={project ? `Edit project ${project.name}` : 'New project'} onClose={close}>
      <form className="project-form" noValidate onSubmit={(e) => void save(e)} aria-label="Project">
        <fieldset className="form-grid" disabled={busy}>
          <Field name="name" label="Name" error={errors.name && `Name ${errors.name}`} className="span-2">
            {(a11y) => <input {...a11y} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field
            name="repoUrl"
            label="Repository URL"
            hint="Where pull requests go, e.g. https://github.com/me/app"
            error={errors.repoUrl}
            className="span-2"
          >
            {(a11y) => (
              <input {...a11y} autoComplete="off" value={repoUrl} onChange={(e) => setRepoUrl(e.target.value)} />
            )}
          </Field>
          <Field
            name="workDir"
            label="Work directory"
            hint="The full path of a git checkout on this machine; git and coding-agent steps work there."
            error={workDirError}
            className="span-2"
          >
            {(a11y) => (
              <>
                <input
                  {...a11y}
                  className="mono"
                  autoComplete="off"
                  spellCheck={false}
                  value={workDir}
                  onChange={(e) => {
                    setWorkDir(e.target.value);
                    setErrors(({ workDir: _dropped, ...rest }) => rest);
                  }}
                />
                {check?.ok && (
                  <p className="field-hint work-dir-ok" role="status" data-testid="work-dir-ok">
                    A git repository.
                  </p>
                )}
              </>
            )}
          </Field>
          <label className="checkbox span-2">
            <input type="checkbox" checked={allowPush} onChange={(e) => setAllowPush(e.target.checked)} />
            Git steps may push branches (skip_git_push off)
          </label>
          <label className="checkbox span-2">
            <input type="checkbox" checked={allowPr} onChange={(e) => setAllowPr(e.target.checked)} />
            Steps may open pull requests (skip_pr_creation off)
          </label>
        </fieldset>
        <div className="form-footer">
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {project ? 'Save project' : 'Create project'}
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
