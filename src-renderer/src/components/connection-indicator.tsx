// Tells the user whether the board is receiving live updates.
import type { ConnectionStatus } from '../api/transport';

const labels: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`connection connection-${status}`} role="status" data-testid="connection">
      <span className="connection-dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
