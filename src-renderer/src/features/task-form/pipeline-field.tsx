// The pipeline editor: the task's `pipeline` as JSON or YAML in CodeMirror. A syntax error is caught
// here as the user types; while the text reads, the server checks it (debounced) and its issues are
// underlined in the text and listed under the field with their paths. A rejected save's message
// arrives as `error`. Dry run shows what each step would get; Test step runs one for real. A simple
// pipeline can also be edited as a form, which writes back to the text.
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useCall } from '../../api/use-call';
import { AgentEnvelopes } from '../../components/agent-envelopes';
import { Field } from '../../components/field';
import { pipelineEnvelopes } from '../../lib/agent-envelope';
import { DryRunPanel } from './dry-run-panel';
import { PipelineEditor } from './pipeline-editor';
import { PipelineForm } from './pipeline-form';
import { formModelOf } from './pipeline-form-model';
import { TestStepPanel } from './test-step-panel';
import { parsePipeline, PIPELINE_EXAMPLE } from './pipeline-text';
import './pipeline-editor.css';
import './pipeline-form.css';

const VALIDATE_DEBOUNCE_MS = 300;

interface PipelineIssue {
  path: string;
  message: string;
}

type Check =
  | { status: 'valid'; steps: number }
  | { status: 'invalid'; issues: PipelineIssue[] }
  | { status: 'failed'; message: string };

interface PipelineFieldProps {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  /** For the dry run: the task's param values (JSON text) and title. */
  params: string;
  title: string;
  /** For Test step: the stored task (null for a new one) and the project chosen in the form. */
  taskId: string | null;
  projectId: string | null;
}

const NO_ISSUES: PipelineIssue[] = [];

/** The server's verdict on the text; stale answers never overwrite the answer to newer text. */
function usePipelineCheck(text: string, skip: boolean): Check | null {
  const api = useApi();
  const [answer, setAnswer] = useState<{ text: string; check: Check } | null>(null);

  useEffect(() => {
    if (skip) return;
    let current = true;
    const timer = setTimeout(() => {
      api.call('pipelines.validate', { pipeline: text }).then(
        (result) => {
          if (!current) return;
          const check: Check = result.ok
            ? { status: 'valid', steps: result.pipeline?.steps.length ?? 0 }
            : { status: 'invalid', issues: result.issues };
          setAnswer({ text, check });
        },
        (failure: unknown) => {
          const message = failure instanceof Error ? failure.message : String(failure);
          if (current) setAnswer({ text, check: { status: 'failed', message } });
        },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text, skip]);

  return !skip && answer?.text === text ? answer.check : null;
}

export function PipelineField({ value, error, onChange, params, title, taskId, projectId }: PipelineFieldProps) {
  const [view, setView] = useState<'text' | 'form'>('text');
  const [formRefusal, setFormRefusal] = useState<string | null>(null);
  const parsed = parsePipeline(value);
  const syntaxError = 'syntaxError' in parsed ? parsed.syntaxError : undefined;
  const check = usePipelineCheck(value, syntaxError !== undefined || !value.trim());
  const tools = useCall('tools.list', {});
  const toolNames = useMemo(() => (tools.status === 'done' ? tools.value : []), [tools]);
  const showForm = () => {
    const read = formModelOf(value, new Map(toolNames.map((t) => [t.name, t.inputSchema])));
    if ('reason' in read) {
      setFormRefusal(`This pipeline stays in the text: ${read.reason}.`);
      return;
    }
    setFormRefusal(null);
    setView('form');
  };
  const issues = check?.status === 'invalid' ? check.issues : NO_ISSUES;
  const shown = syntaxError ?? error;
  return (
    <Field
      name="pipeline"
      label="Steps (JSON or YAML)"
      error={shown}
      className="span-2"
      hint={
        'JSON or YAML: params, and steps of { id, uses, with, if, save_as }. In with, ${params.x}, ' +
        '${steps.<id>.stdout} and ${time(now)} are filled in when the step runs; if is a JMESPath ' +
        `expression such as steps.build.exit_code == \`0\`. Example: ${PIPELINE_EXAMPLE}`
      }
    >
      {(a11y) => (
        <>
          <div className="pipeline-views" role="group" aria-label="Edit the steps as">
            <button
              type="button"
              className="button button-small"
              aria-pressed={view === 'text'}
              onClick={() => setView('text')}
            >
              Text
            </button>
            <button
              type="button"
              className="button button-small"
              aria-pressed={view === 'form'}
              disabled={tools.status !== 'done'}
              onClick={showForm}
            >
              Form
            </button>
          </div>
          {formRefusal && view === 'text' && (
            <p className="field-hint" role="status" data-testid="pipeline-form-refusal">
              {formRefusal}
            </p>
          )}
          {view === 'form' ? (
            <PipelineForm value={value} onChange={onChange} tools={toolNames} />
          ) : (
            <PipelineEditor
              value={value}
              onChange={onChange}
              issues={issues}
              tools={toolNames}
              label="Steps (JSON or YAML)"
              describedBy={a11y['aria-describedby']}
              invalid={a11y['aria-invalid']}
            />
          )}
          {check?.status === 'invalid' && (
            <ul className="field-error pipeline-issues" data-testid="pipeline-issues" aria-live="polite">
              {check.issues.map((issue) => (
                <li key={`${issue.path}|${issue.message}`}>
                  <code>{issue.path || 'pipeline'}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
          {check?.status === 'valid' && (
            <p className="field-hint" data-testid="pipeline-valid" aria-live="polite">
              {check.steps === 1 ? '1 step, valid' : `${check.steps} steps, valid`}
            </p>
          )}
          {check?.status === 'valid' && 'pipeline' in parsed && (
            <AgentEnvelopes envelopes={pipelineEnvelopes(parsed.pipeline)} />
          )}
          {check?.status === 'failed' && (
            <p className="field-hint" aria-live="polite">
              The steps could not be checked just now: {check.message}
            </p>
          )}
          <DryRunPanel pipeline={value} params={params} title={title} />
          <TestStepPanel pipeline={value} params={params} taskId={taskId} projectId={projectId} />
        </>
      )}
    </Field>
  );
}
