// What each step recorded: its input and output (secrets masked by the runtime), its checkpoint,
// and the tokens and cost of its model calls. Folded by default; a run can have many steps.
import type { RunStep, RunView } from '../../api/contract-types';
import { AgentEnvelopes } from '../../components/agent-envelopes';
import { envelopeOf } from '../../lib/agent-envelope';
import { formatCost, formatRunTime } from '../../lib/run-format';
import { stepStateLabels, type StepState } from './step-timeline';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="muted">Nothing recorded.</p>;
  return <pre className="json-block">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

function errorText(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error;
  const e = error as Record<string, unknown>;
  if (typeof e.error === 'string') return typeof e.reason === 'string' ? `${e.reason}: ${e.error}` : e.error;
  return JSON.stringify(error);
}

/** A coding-agent step's envelope, read from its recorded input (agent.run is the one tool with cli and prompt). */
function StepEnvelope({ step }: { step: RunStep }) {
  const input = step.input as { cli?: unknown; prompt?: unknown } | null;
  const isAgent = typeof input?.cli === 'string' && typeof input.prompt === 'string';
  const envelope = isAgent ? envelopeOf(step.stepId, 'agent.run', input) : null;
  return envelope ? <AgentEnvelopes envelopes={[envelope]} /> : null;
}

interface StepRecordsProps {
  steps: RunStep[];
  states: StepState[];
  usage: RunView['usageByStep'];
  timeZone: string;
}

export function StepRecords({ steps, states, usage, timeZone }: StepRecordsProps) {
  return (
    <ul className="step-records" aria-label="Steps">
      {steps.map((step, i) => {
        const used = usage[step.stepId];
        const error = errorText(step.error);
        return (
          <li key={`${step.stepId}-${step.attempt}-${i}`} className="step-record" data-testid="step-record">
            <details>
              <summary>
                <span className="step-record-id">{step.stepId}</span>
                <span className={`step-chip step-chip-${states[i]}`}>{stepStateLabels[states[i]!]}</span>
                {used && (
                  <span className="muted">
                    {used.inputTokens.toLocaleString('en-US')} in / {used.outputTokens.toLocaleString('en-US')} out
                    tokens · {formatCost(used.costUsd)}
                  </span>
                )}
              </summary>
              {error && <p className="field-error">{error}</p>}
              <StepEnvelope step={step} />
              <div className="step-record-grid">
                <section aria-label={`${step.stepId} input`}>
                  <h4>Input</h4>
                  <Json value={step.input} />
                </section>
                <section aria-label={`${step.stepId} output`}>
                  <h4>Output</h4>
                  <Json value={step.output} />
                </section>
              </div>
              <dl className="checkpoint-facts">
                <dt>Checkpoint</dt>
                <dd>
                  {step.status.replace('_', ' ')}, attempt {step.attempt}
                </dd>
                <dt>Started</dt>
                <dd>{formatRunTime(step.createdAt, timeZone, 'clockZone')}</dd>
                {step.completedAt && (
                  <>
                    <dt>Ended</dt>
                    <dd>{formatRunTime(step.completedAt, timeZone, 'clockZone')}</dd>
                  </>
                )}
                <dt>Input hash</dt>
                <dd>
                  <code>{step.inputsHash?.slice(0, 12) ?? '—'}</code>
                </dd>
                <dt>Output hash</dt>
                <dd>
                  <code>{step.outputsHash?.slice(0, 12) ?? '—'}</code>
                </dd>
                {used && (
                  <>
                    <dt>Model calls</dt>
                    <dd>{used.calls}</dd>
                  </>
                )}
              </dl>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
