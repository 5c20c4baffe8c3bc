// Test step: runs one step of the pipeline for real with the task's param values (and, when the step
// reads earlier steps, sample outputs of them) and shows what it got, what it gave and its log.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { TestStepResult } from '../../api/contract-types';
import { paramValuesFrom } from './form-values';
import { parsePipeline } from './pipeline-text';

interface TestStepPanelProps {
  pipeline: string;
  /** The task's param values (JSON text), used as the sample params. */
  params: string;
  /** The stored task, when there is one: its budget and title apply. */
  taskId: string | null;
  /** The project chosen in the form (it may not be saved yet). */
  projectId: string | null;
}

function stepIdsOf(text: string): string[] {
  const parsed = parsePipeline(text);
  if ('syntaxError' in parsed) return [];
  const steps = (parsed.pipeline as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((s) => (s && typeof s === 'object' && typeof s.id === 'string' && s.id ? [s.id as string] : []));
}

function outcomeText(result: TestStepResult): string {
  if (result.ok) return `Ran in ${result.durationMs} ms.`;
  if (result.timedOut) return `Stopped: ${result.error ?? 'timed out'}.`;
  return `Failed after ${result.durationMs} ms: ${result.error ?? 'no reason given'}`;
}

export function TestStepPanel({ pipeline, params, taskId, projectId }: TestStepPanelProps) {
  const api = useApi();
  const steps = stepIdsOf(pipeline);
  const [chosen, setChosen] = useState('');
  const [outputs, setOutputs] = useState('');
  const [result, setResult] = useState<TestStepResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stepId = steps.includes(chosen) ? chosen : (steps[0] ?? '');

  const test = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const values = paramValuesFrom(params);
      let sample: Record<string, unknown> | undefined;
      if (outputs.trim()) {
        try {
          sample = JSON.parse(outputs) as Record<string, unknown>;
        } catch (e) {
          throw new Error(`Sample outputs are not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
            cause: e,
          });
        }
      }
      setResult(
        await api.call('pipelines.testStep', {
          pipeline,
          stepId,
          params: 'values' in values ? values.values : {},
          ...(sample ? { outputs: sample } : {}),
          ...(taskId ? { taskId } : {}),
          projectId,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="test-step" data-testid="test-step">
      <div className="test-step-controls">
        <label htmlFor="test-step-id">Step to test</label>
        <select
          id="test-step-id"
          value={stepId}
          onChange={(e) => setChosen(e.target.value)}
          disabled={steps.length === 0}
        >
          {steps.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={busy || !stepId} onClick={() => void test()}>
          {busy ? 'Testing…' : 'Test step'}
        </button>
      </div>
      <p className="muted">
        Runs the step for real with the task&apos;s param values: it may send, write or spend. A step that asks for
        approval or runs a coding agent is not tested here.
      </p>
      <details>
        <summary>Sample outputs of earlier steps</summary>
        <label htmlFor="test-step-outputs" className="visually-hidden">
          Sample outputs of earlier steps (JSON)
        </label>
        <textarea
          id="test-step-outputs"
          className="mono"
          rows={3}
          value={outputs}
          placeholder='{"fetch": {"body": {"city": "Denver"}}}'
          onChange={(e) => setOutputs(e.target.value)}
        />
      </details>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div aria-live="polite" data-testid="test-step-result">
          <p className={result.ok ? 'test-step-ok' : 'field-error'}>
            <strong>{result.stepId}</strong> <code>{result.uses}</code>: {outcomeText(result)}
          </p>
          <h5>Input</h5>
          <pre className="mono dry-run-input">{JSON.stringify(result.input, null, 2)}</pre>
          {result.ok && (
            <>
              <h5>Output</h5>
              <pre className="mono dry-run-input" data-testid="test-step-output">
                {JSON.stringify(result.output, null, 2)}
              </pre>
            </>
          )}
          {result.logs.length > 0 && (
            <>
              <h5>Log</h5>
              <pre className="mono dry-run-input">{result.logs.map((l) => `${l.stream}: ${l.message}`).join('\n')}</pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}
