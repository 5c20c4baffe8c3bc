// The strip of a task's last occurrences in the task form: one mark per occurrence, oldest on the
// left, coloured and marked by outcome, each with its time in the display timezone as its label.
import type { PushMessage, TaskOccurrences } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { occurrenceLabel, outcomeGlyphs, outcomeLabels } from './occurrence-words';
import './occurrences.css';

export const STRIP_LENGTH = 30;

const changesLedger = (taskId: string) => (message: PushMessage) =>
  message.event === 'schedule:fired'
    ? message.data.tasks.some((task) => task.id === taskId)
    : (message.event === 'run:queued' || message.event === 'run:updated') && message.data.run.taskId === taskId;

function summaryText({ summary }: TaskOccurrences): string {
  const { counts } = summary;
  const parts = [`${summary.ran} of ${summary.total} ran`];
  const missed = counts.missed + counts.clock_change;
  if (missed > 0) parts.push(`${missed} missed`);
  if (counts.skipped_overlap > 0) parts.push(`${counts.skipped_overlap} skipped`);
  if (counts.snoozed > 0) parts.push(`${counts.snoozed} snoozed`);
  if (counts.paused > 0) parts.push(`${counts.paused} paused`);
  return `Last 30 days: ${parts.join(', ')}`;
}

export function OccurrenceStrip({ taskId }: { taskId: string }) {
  const timeZone = useDisplayTimeZone();
  const live = useLiveCall(
    'tasks.occurrences',
    { id: taskId, limit: STRIP_LENGTH },
    { refetchOn: changesLedger(taskId), throttleMs: 1000 },
  );
  const ledger = live.value;
  if (!ledger) {
    return live.error ? (
      <p className="form-error" role="alert">
        Occurrences could not be loaded: {live.error.message}
      </p>
    ) : null;
  }
  const oldestFirst = [...ledger.items].reverse();
  return (
    <section className="occurrence-strip" aria-labelledby="occurrence-strip-title" data-testid="occurrence-strip">
      <h3 id="occurrence-strip-title" className="occurrence-strip-title">
        Recent occurrences
      </h3>
      {oldestFirst.length === 0 ? (
        <p className="muted">No occurrence was due yet.</p>
      ) : (
        <>
          <ol className="occurrence-marks">
            {oldestFirst.map((o) => {
              const label = occurrenceLabel(o, timeZone);
              return (
                <li
                  key={o.occurrenceAt}
                  className={`occurrence-mark occurrence-${o.outcome}`}
                  title={label}
                  data-outcome={o.outcome}
                >
                  <span aria-hidden="true">{outcomeGlyphs[o.outcome]}</span>
                  <span className="visually-hidden">{label}</span>
                </li>
              );
            })}
          </ol>
          <p className="occurrence-summary muted">
            {summaryText(ledger)} · times in {timeZone}
          </p>
          <ul className="occurrence-legend" aria-label="Key">
            {[...new Set(oldestFirst.map((o) => o.outcome))].map((outcome) => (
              <li key={outcome}>
                <span className={`occurrence-mark occurrence-${outcome}`} aria-hidden="true">
                  {outcomeGlyphs[outcome]}
                </span>
                {outcomeLabels[outcome]}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
