// A task at risk of missing its deadline, or past it, with no successful run: a badge on its card
// and a notice in its form, with the deadline in the display timezone.
import type { BoardTask, Task } from '../../api/contract-types';
import { formatInstant } from '../../lib/time';

export type DeadlineState = BoardTask['deadlineState'];

/** The board lists tasks with their deadline state; a task read on its own has none. */
export function deadlineStateOf(task: Task | BoardTask): DeadlineState {
  return 'deadlineState' in task ? task.deadlineState : null;
}

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

export function DeadlineNotice({ task, timeZone }: { task: Task | BoardTask; timeZone: string }) {
  const state = deadlineStateOf(task);
  if (!state || !task.deadline) return null;
  const due = formatInstant(task.deadline, timeZone);
  return (
    <p className="banner banner-warning" data-testid="deadline-notice">
      {state === 'overdue'
        ? `Overdue: it was due ${due} and no run has succeeded.`
        : `At risk: it is due ${due} and no run has succeeded yet.`}
    </p>
  );
}
