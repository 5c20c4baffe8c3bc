// The Runs page's list: only the rows in view are in the page (TanStack Virtual), and older runs
// are fetched as the end comes into view, so 100,000 runs scroll like 100.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { RunSummary } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { runHash } from '../../lib/hash-route';
import { formatCost, formatRunTime, runDuration, runTriggerLabels } from '../../lib/run-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { RunStatusBadge } from './run-status-badge';
import type { useAllRuns } from './use-all-runs';
import { useMissingTitles } from './use-missing-titles';

const ROW_PX = 44;
/** Fetch the next page when the last loaded row is this close to the view. */
const PREFETCH_ROWS = 30;

function RunRow({ run, title, now, timeZone }: { run: RunSummary; title: string; now: number; timeZone: string }) {
  const duration = runDuration(run, now);
  return (
    <a className="runs-row" href={runHash(run.id)} data-testid="runs-row" data-run-id={run.id}>
      <RunStatusBadge status={run.status} />
      <span className="runs-row-task">{title}</span>
      <span className="runs-row-trigger">
        {runTriggerLabels[run.trigger]}
        {run.attempt > 1 && <span className="muted"> · attempt {run.attempt}</span>}
      </span>
      <time className="runs-row-time" dateTime={run.queuedAt}>
        {formatRunTime(run.queuedAt, timeZone, 'date')}
      </time>
      <span className="runs-row-duration">{duration ?? '—'}</span>
      <span className="runs-row-cost">{run.costUsd > 0 ? formatCost(run.costUsd) : ''}</span>
    </a>
  );
}

export function RunsList({ runs, titles }: { runs: ReturnType<typeof useAllRuns>; titles: Map<string, string> }) {
  const timeZone = useDisplayTimeZone();
  const now = useMinuteClock();
  const scroller = useRef<HTMLDivElement>(null);
  const count = runs.runs.length + (runs.canLoadMore ? 1 : 0);
  // The virtualizer re-renders this component itself as it scrolls; nothing in it is memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const shownTitles = useMissingTitles(
    items.flatMap((item) => runs.runs[item.index]?.taskId ?? []),
    titles,
  );
  const lastIndex = items.at(-1)?.index ?? 0;
  const { canLoadMore, loadingMore, loadMore } = runs;

  useEffect(() => {
    if (canLoadMore && !loadingMore && lastIndex >= runs.runs.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, canLoadMore, loadingMore, loadMore, runs.runs.length]);

  return (
    <div className="runs-scroller" ref={scroller} data-testid="runs-list" tabIndex={0} aria-label="Runs, newest first">
      <div className="runs-header-row" aria-hidden="true">
        <span>Status</span>
        <span>Task</span>
        <span>Trigger</span>
        <span>Queued</span>
        <span>Duration</span>
        <span>Cost</span>
      </div>
      <div className="runs-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const run = runs.runs[item.index];
          return (
            <div
              key={run?.id ?? 'more'}
              className="runs-slot"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              {run ? (
                <RunRow run={run} title={shownTitles.get(run.taskId) ?? run.taskId} now={now} timeZone={timeZone} />
              ) : (
                <p className="muted runs-more">Loading older runs…</p>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
