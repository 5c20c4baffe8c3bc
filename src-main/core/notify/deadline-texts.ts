// The words of deadline notices: they name the task and read the deadline in the display timezone.
import { formatDateTime } from '../lib/time-format';
import type { NotificationText } from './texts';

export interface DeadlineTextFacts {
  taskTitle: string;
  deadlineAt: number;
  kind: 'at_risk' | 'overdue';
  timeZone: string;
}

/** "Quarterly report is at risk" / "Due Mon, Nov 30, 5:00 PM MST and no run has succeeded yet." */
export function deadlineText(facts: DeadlineTextFacts): NotificationText {
  const due = formatDateTime(facts.deadlineAt, facts.timeZone);
  switch (facts.kind) {
    case 'at_risk':
      return {
        title: `${facts.taskTitle} is at risk of missing its deadline`,
        body: `Due ${due} and no run has succeeded yet.`,
      };
    case 'overdue':
      return {
        title: `${facts.taskTitle} is overdue`,
        body: `It was due ${due} and no run has succeeded.`,
      };
    default: {
      const unknown: never = facts.kind;
      return unknown;
    }
  }
}
