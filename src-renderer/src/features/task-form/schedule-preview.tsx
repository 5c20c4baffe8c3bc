// Under the schedule fields: what the schedule means in words and its next runs in the display
// timezone, with the runs where daylight saving time starts or ends marked.
import type { ScheduleKind } from '../../api/contract-types';
import { occurrenceRows } from '../../lib/schedule-format';
import { PREVIEW_COUNT, type SchedulePreviewState } from './use-schedule-preview';

interface SchedulePreviewProps {
  kind: ScheduleKind;
  state: SchedulePreviewState;
  displayTimeZone: string;
}

export function SchedulePreviewPanel({ kind, state, displayTimeZone }: SchedulePreviewProps) {
  const { result, pending } = state;
  return (
    <div
      className={`schedule-preview${pending ? ' is-pending' : ''}`}
      data-testid="schedule-preview"
      aria-busy={pending}
    >
      {result === null && <p className="muted">Working out the next runs…</p>}
      {result?.status === 'manual' && (
        <p className="preview-description" data-testid="schedule-description">
          Runs only when you start it.
        </p>
      )}
      {result?.status === 'empty' && <p className="muted">Type an expression or pick a preset to see the next runs.</p>}
      {result?.status === 'invalid' && (
        <p className="muted">{result.otherError ?? 'The next runs show up here once the schedule reads correctly.'}</p>
      )}
      {result?.status === 'failed' && (
        <p className="preview-error" role="alert">
          Could not preview this schedule: {result.message}
        </p>
      )}
      {result?.status === 'ready' && (
        <ReadyPreview
          kind={kind}
          description={result.preview.description}
          rows={occurrenceRows(result.preview.occurrences.slice(0, PREVIEW_COUNT), result.timeZone, displayTimeZone)}
          displayTimeZone={displayTimeZone}
        />
      )}
    </div>
  );
}

interface ReadyPreviewProps {
  kind: ScheduleKind;
  description: string;
  rows: ReturnType<typeof occurrenceRows>;
  displayTimeZone: string;
}

function ReadyPreview({ kind, description, rows, displayTimeZone }: ReadyPreviewProps) {
  return (
    <>
      <p className="preview-description" data-testid="schedule-description" aria-live="polite">
        {description}
      </p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="schedule-no-runs">
          {kind === 'once' ? 'No upcoming run: that time has already passed.' : 'No upcoming runs.'}
        </p>
      ) : (
        <>
          <p className="preview-caption">
            {rows.length === 1 ? 'Runs' : `Next ${rows.length} runs`}, in {displayTimeZone}:
          </p>
          <ol className="preview-runs" data-testid="schedule-next-runs">
            {rows.map((row) => (
              <li key={row.at} data-testid="schedule-run">
                <time dateTime={row.at}>{row.display}</time>
                {row.scheduleLocal && <span className="preview-local"> ({row.scheduleLocal})</span>}
                {row.marks.map((mark) => (
                  <span
                    key={`${mark.zone}-${mark.change}`}
                    className={`badge badge-dst badge-dst-${mark.change}`}
                    data-testid="dst-badge"
                    title={`Daylight saving time ${mark.change} in ${mark.zone}: clocks read ${mark.abbreviation} from here on`}
                  >
                    {mark.label}
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
