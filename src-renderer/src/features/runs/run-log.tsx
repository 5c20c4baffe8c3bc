// A run's log: monospace lines with stdout, stderr and system lines told apart, following the end
// while the run runs unless the reader has scrolled up to read something.
import { useEffect, useRef } from 'react';
import type { RunLogLine } from '../../api/contract-types';
import { formatRunTime } from '../../lib/run-format';

const STICK_PX = 24;

export function RunLog({ lines, live, timeZone }: { lines: RunLogLine[]; live: boolean; timeZone: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);

  useEffect(() => {
    const box = ref.current;
    if (box && live && atEnd.current) box.scrollTop = box.scrollHeight;
  }, [lines.length, live]);

  return (
    <div
      ref={ref}
      className="run-log"
      role="log"
      aria-label="Run log"
      aria-live={live ? 'polite' : 'off'}
      tabIndex={0}
      data-testid="run-log"
      onScroll={(e) => {
        const box = e.currentTarget;
        atEnd.current = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
      }}
    >
      {lines.length === 0 ? (
        <p className="run-log-empty">{live ? 'Waiting for output…' : 'No log lines.'}</p>
      ) : (
        lines.map((line) => (
          <div key={line.id} className={`run-log-line run-log-${line.stream} run-log-level-${line.level}`}>
            <time className="run-log-time" dateTime={line.loggedAt}>
              {formatRunTime(line.loggedAt, timeZone, 'clock')}
            </time>
            {line.stepId && <span className="run-log-step">{line.stepId}</span>}
            {line.stream !== 'stdout' && <span className="run-log-stream">{line.stream}</span>}
            <span className="run-log-message">{line.message}</span>
          </div>
        ))
      )}
    </div>
  );
}
