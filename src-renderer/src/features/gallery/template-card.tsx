// One template in the gallery: what it does, when it runs, what it needs, its params, and Install.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { Task, TemplateEntry } from '../../api/contract-types';
import { useCall } from '../../api/use-call';
import { Field } from '../../components/field';
import { scheduleSummary } from '../../lib/schedule-format';
import { initialText, paramsFromText } from './param-values';
import { TemplateNeeds } from './template-needs';

interface TemplateCardProps {
  template: TemplateEntry;
  /** The project it is installed into, chosen once for the whole gallery. */
  projectId: string | null;
  onInstalled(task: Task): void;
  onNavigate(): void;
}

export function TemplateCard({ template, projectId, onInstalled, onNavigate }: TemplateCardProps) {
  const api = useApi();
  const check = useCall('templates.check', { id: template.id, projectId });
  const ready = check.status === 'done' && check.value.ready;
  const [text, setText] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [installing, setInstalling] = useState(false);

  async function install(): Promise<void> {
    const read = paramsFromText(template.params, text);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setInstalling(true);
    try {
      onInstalled(await api.call('templates.install', { id: template.id, params: read.params, projectId }));
    } catch (error) {
      const issues = error instanceof ApiError ? error.issues : [];
      const byParam = Object.fromEntries(
        issues.filter((i) => i.path.startsWith('params.')).map((i) => [i.path.slice(7), i.message]),
      );
      setErrors(byParam);
      if (Object.keys(byParam).length < issues.length || issues.length === 0) {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setInstalling(false);
    }
  }

  return (
    <article
      className="template-card"
      aria-labelledby={`template-${template.id}`}
      data-testid={`template-${template.id}`}
    >
      <h3 id={`template-${template.id}`}>{template.name}</h3>
      <p>{template.summary}</p>
      <p className="template-schedule muted">{template.schedule ? scheduleSummary(template.schedule) : 'Manual'}</p>
      <TemplateNeeds templateId={template.id} check={check} onNavigate={onNavigate} />
      {template.params.length > 0 && (
        <fieldset className="template-params">
          <legend>Settings</legend>
          {template.params.map((param) => (
            <Field
              key={param.name}
              name={`${template.id}-${param.name}`}
              label={`${param.name}${param.required ? ' (required)' : ''}`}
              hint={param.description ?? undefined}
              error={errors[param.name]}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  className={param.type === 'string' ? undefined : 'mono'}
                  value={text[param.name] ?? initialText(param)}
                  onChange={(event) => setText({ ...text, [param.name]: event.target.value })}
                />
              )}
            </Field>
          ))}
        </fieldset>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <span className="muted">Tools: {template.tools.join(', ')}</span>
        <span className="form-actions-spacer" />
        <button
          type="button"
          className="button button-primary"
          disabled={installing}
          aria-label={`${ready || check.status !== 'done' ? 'Install' : 'Install paused'} ${template.name}`}
          onClick={() => void install()}
        >
          {installing ? 'Installing…' : ready || check.status !== 'done' ? 'Install' : 'Install paused'}
        </button>
      </div>
    </article>
  );
}
