// A run's steps as a Gantt chart: one bar per step attempt from its start to its end (or to now
// while it runs), coloured by state; skipped and halted steps say so in words too.
import type { Run, RunStep } from '../../api/contract-types';
import { formatDuration, formatRunTime } from '../../lib/run-format';

export type StepState = 'running' | 'complete' | 'failed' | 'halted' | 'skipped' | 'rolled_back';

export const stepStateLabels: Record<StepState, string> = {
  running: 'Running',
  complete: 'Done',
  failed: 'Failed',
  halted: 'Halted',
  skipped: 'Skipped',
  rolled_back: 'Rolled back',
};

export function stepState(step: RunStep, run: Run, isLast: boolean): StepState {
  if (step.skipped) return 'skipped';
  if (step.status === 'created') return 'running';
  if (step.status === 'failed' && isLast && (run.status === 'halted' || run.status === 'awaiting_approval')) {
    return 'halted';
  }
  return step.status;
}

interface StepTimelineProps {
  run: Run;
  steps: RunStep[];
  now: number;
  timeZone: string;
}

export function StepTimeline({ run, steps, now, timeZone }: StepTimelineProps) {
  if (steps.length === 0) return <p className="muted">No steps have run yet.</p>;
  const starts = steps.map((s) => Date.parse(s.createdAt));
  const ends = steps.map((s) => (s.completedAt ? Date.parse(s.completedAt) : now));
  const first = Math.min(...starts, run.startedAt ? Date.parse(run.startedAt) : Infinity);
  const last = Math.max(...ends, run.finishedAt ? Date.parse(run.finishedAt) : 0);
  const span = Math.max(last - first, 1);

  return (
    <ol className="step-timeline" aria-label="Step timeline" data-testid="step-timeline">
      {steps.map((step, i) => {
        const state = stepState(step, run, i === steps.length - 1);
        const left = ((starts[i]! - first) / span) * 100;
        const width = Math.max(((ends[i]! - starts[i]!) / span) * 100, 0.5);
        return (
          <li
            key={`${step.stepId}-${step.attempt}-${i}`}
            className={`timeline-row timeline-${state}`}
            data-testid="timeline-step"
            data-state={state}
          >
            <span className="timeline-label">
              <span className="timeline-step-id">{step.stepId}</span>
              {step.attempt > 1 && <span className="muted"> · attempt {step.attempt}</span>}
            </span>
            <span className="timeline-track">
              <span className="timeline-bar" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
            </span>
            <span className="timeline-facts">
              <span className="timeline-state">{stepStateLabels[state]}</span>
              {state !== 'skipped' && (
                <>
                  {' · '}
                  <time dateTime={step.createdAt}>{formatRunTime(step.createdAt, timeZone, 'clockZone')}</time>
                  {' · '}
                  {formatDuration(ends[i]! - starts[i]!)}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
