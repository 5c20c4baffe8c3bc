// A task at risk of missing its deadline, or past it, with no successful run: a badge on its card
// and a notice in its form, with the deadline in the display timezone.
import type { BoardTask } from '../../api/contract-types';
import { formatInstant } from '../../lib/time';

/** Worked out by the host for the board's cards; a task read whole with tasks.get carries none. */
export type DeadlineState = BoardTask['deadlineState'];

const labels: Record<NonNullable<DeadlineState>, string> = { at_risk: 'At risk', overdue: 'Overdue' };

export function DeadlineBadge({
  state,
  deadline,
  timeZone,
}: {
  state: NonNullable<DeadlineState>;
  deadline: string | null;
  timeZone: string;
}) {
  return (
    <span
      className={`badge badge-deadline-${state}`}
      data-testid="card-deadline"
      title={deadline ? `Due ${formatInstant(deadline, timeZone)}` : undefined}
    >
      {labels[state]}
    </span>
  );
}

export function DeadlineNotice({
  state,
  deadline,
  timeZone,
}: {
  state: DeadlineState;
  deadline: string | null;
  timeZone: string;
}) {
  if (!state || !deadline) return null;
  const due = formatInstant(deadline, timeZone);
  return (
    <p className="banner banner-warning" data-testid="deadline-notice">
      {state === 'overdue'
        ? `Overdue: it was due ${due} and no run has succeeded.`
        : `At risk: it is due ${due} and no run has succeeded yet.`}
    </p>
  );
}
