// Dry run: the host renders each step's input and judges its `if` with sample params, without
// running anything, and this lists what it found step by step.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { CallOutput } from '../../api/contract-types';
import { paramValuesFrom } from './form-values';

type DryRun = CallOutput<'pipelines.dryRun'>;

interface DryRunPanelProps {
  pipeline: string;
  /** The task's stored param values (JSON text), used as the sample params. */
  params: string;
  title: string;
}

function conditionText(step: DryRun['steps'][number]): string {
  if (!step.condition) return 'No if: always runs.';
  const { expression, passed, note } = step.condition;
  if (passed === null) return `if ${expression}: decided at run time${note ? ` (${note})` : ''}.`;
  return passed ? `if ${expression}: passes, the step runs.` : `if ${expression}: fails, the step is skipped.`;
}

export function DryRunPanel({ pipeline, params, title }: DryRunPanelProps) {
  const api = useApi();
  const [result, setResult] = useState<DryRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const dryRun = async () => {
    setBusy(true);
    setError(null);
    try {
      const values = paramValuesFrom(params);
      setResult(
        await api.call('pipelines.dryRun', {
          pipeline,
          params: 'values' in values ? values.values : {},
          task: { title: title || 'Untitled task' },
        }),
      );
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dry-run" data-testid="dry-run">
      <button type="button" className="button" disabled={busy || !pipeline.trim()} onClick={() => void dryRun()}>
        {busy ? 'Dry running…' : 'Dry run'}
      </button>
      <span className="muted"> Renders each step with the task's param values; nothing runs.</span>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div aria-live="polite">
          {result.issues.length > 0 && (
            <ul className="field-error">
              {result.issues.map((i) => (
                <li key={`${i.path}|${i.message}`}>
                  <code>{i.path || 'pipeline'}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
          <ol className="dry-run-steps" data-testid="dry-run-steps">
            {result.steps.map((step) => (
              <li key={step.id} className={step.skipped ? 'dry-run-skipped' : undefined}>
                <strong>{step.id}</strong> <code>{step.uses}</code>
                <p>{conditionText(step)}</p>
                {step.error && <p className="field-error">{step.error}</p>}
                {step.input !== null && !step.skipped && (
                  <pre className="mono dry-run-input">{JSON.stringify(step.input, null, 2)}</pre>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
