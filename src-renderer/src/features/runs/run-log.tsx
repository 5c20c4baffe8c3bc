// A run's log: only the lines in view are in the page (TanStack Virtual), stdout, stderr and system
// lines told apart, a search that narrows the lines, and Follow, which keeps the newest line in
// view while the run runs until the reader scrolls up to read something.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { RunLogLine } from '../../api/contract-types';
import { formatRunTime } from '../../lib/run-format';
import { LOG_LINE_CAP } from './log-lines';

const LINE_PX = 20;
const STICK_PX = 24;

interface RunLogProps {
  lines: RunLogLine[];
  live: boolean;
  timeZone: string;
}

function LogLine({ line, timeZone }: { line: RunLogLine; timeZone: string }) {
  return (
    <div className={`run-log-line run-log-${line.stream} run-log-level-${line.level}`}>
      <time className="run-log-time" dateTime={line.loggedAt}>
        {formatRunTime(line.loggedAt, timeZone, 'clockZone')}
      </time>
      {line.stepId && <span className="run-log-step">{line.stepId}</span>}
      {line.stream !== 'stdout' && <span className="run-log-stream">{line.stream}</span>}
      <span className="run-log-message">{line.message}</span>
    </div>
  );
}

export function RunLog({ lines, live, timeZone }: RunLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const needle = useDeferredValue(search.trim().toLowerCase());
  const shown = useMemo(
    () => (needle ? lines.filter((l) => l.message.toLowerCase().includes(needle)) : lines),
    [lines, needle],
  );
  // The virtualizer re-renders this component itself as it scrolls; nothing in it is memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_PX,
    overscan: 20,
  });

  useEffect(() => {
    if (follow && live && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [follow, live, shown.length, virtualizer]);

  return (
    <div className="run-log-panel">
      <div className="run-log-toolbar">
        <label className="run-log-search">
          <span className="visually-hidden">Search the log</span>
          <input
            type="search"
            placeholder="Search the log"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        {live && (
          <label className="checkbox">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
          </label>
        )}
        <span className="muted" data-testid="run-log-count">
          {needle ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
          {lines.length >= LOG_LINE_CAP && ` (the newest ${LOG_LINE_CAP.toLocaleString('en-US')} are kept)`}
        </span>
      </div>
      <div
        ref={scroller}
        className="run-log"
        role="log"
        aria-label="Run log"
        aria-live={live ? 'polite' : 'off'}
        tabIndex={0}
        data-testid="run-log"
        onScroll={(e) => {
          const box = e.currentTarget;
          const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
          // Scrolling up to read stops following; scrolling back to the end resumes it.
          if (live && atEnd !== follow) setFollow(atEnd);
        }}
      >
        {shown.length === 0 ? (
          <p className="run-log-empty">
            {needle ? 'No line matches.' : live ? 'Waiting for output…' : 'No log lines.'}
          </p>
        ) : (
          <div className="run-log-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={shown[item.index]!.id}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="run-log-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <LogLine line={shown[item.index]!} timeZone={timeZone} />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
