// A run's status as a coloured badge (or just a dot on a card), the same everywhere on the board.
import type { RunStatus } from '../../api/contract-types';
import { runStatusLabels } from '../../lib/run-format';

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`run-badge run-badge-${status}`} data-testid="run-status">
      {runStatusLabels[status]}
    </span>
  );
}

export function RunStatusDot({ status }: { status: RunStatus }) {
  const label = `Last run: ${runStatusLabels[status]}`;
  return <span className={`run-dot run-badge-${status}`} role="img" aria-label={label} title={label} />;
}
