// A progress log as task.progress steps wrote it: when, how far (a bar when a percent was given)
// and what the step said, oldest first.
import type { ProgressEntryView } from '../../api/contract-types';
import { formatRunTime } from '../../lib/run-format';

export function ProgressList({ items, timeZone }: { items: readonly ProgressEntryView[]; timeZone: string }) {
  if (items.length === 0) {
    return <p className="memory-empty">No progress recorded yet: a task.progress step writes here.</p>;
  }
  return (
    <ol className="progress-list" data-testid="progress-list">
      {items.map((entry) => (
        <li key={entry.id} className="progress-entry">
          <time dateTime={entry.createdAt} className="progress-time">
            {formatRunTime(entry.createdAt, timeZone)}
          </time>
          {entry.percent !== null ? (
            <progress className="progress-bar" max={100} value={entry.percent} aria-label={`${entry.percent}% done`} />
          ) : (
            <span className="progress-bar-none" aria-hidden="true" />
          )}
          <span className="progress-percent">{entry.percent !== null ? `${entry.percent}%` : ''}</span>
          <span className="progress-message">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
