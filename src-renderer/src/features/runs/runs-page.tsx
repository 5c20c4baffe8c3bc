// The Runs page: every run, newest first, filtered by status, task, trigger and queued date (in
// the display timezone), with the filters kept in the address so a view can be linked and revisited.
import type { Route } from '../../lib/hash-route';
import { pageHash } from '../../lib/hash-route';
import { replaceHash } from '../../lib/use-route';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { fromDateTimeLocal } from '../../lib/time';
import { runStatusLabels, runTriggerLabels } from '../../lib/run-format';
import type { RunStatus, RunTrigger } from '../../api/contract-types';
import { TaskPicker } from './task-picker';
import { RunsList } from './runs-list';
import { useAllRuns, type RunsFilter } from './use-all-runs';
import { useTaskTitles } from './use-task-titles';

const filterKeys = ['status', 'task', 'trigger', 'from', 'to'] as const;
type FilterKey = (typeof filterKeys)[number];
const DAY_MS = 24 * 3600 * 1000;

function isKey<T extends string>(labels: Record<T, string>, value: string | null): value is T {
  return value !== null && Object.hasOwn(labels, value);
}

/** "2026-11-23" read as that day's midnight in the display timezone. */
function dayStart(day: string | null, timeZone: string): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return fromDateTimeLocal(`${day}T00:00`, timeZone) ?? undefined;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function filterFrom(query: URLSearchParams, timeZone: string): RunsFilter {
  const status = query.get('status');
  const trigger = query.get('trigger');
  const to = query.get('to');
  return {
    status: isKey(runStatusLabels, status) ? [status] : undefined,
    trigger: isKey(runTriggerLabels, trigger) ? [trigger] : undefined,
    taskId: query.get('task') || undefined,
    from: dayStart(query.get('from'), timeZone),
    // The "to" day is included: runs queued before the next day's midnight.
    to: to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? dayStart(nextDay(to), timeZone) : undefined,
  };
}

export function RunsPage({ route }: { route: Route }) {
  const timeZone = useDisplayTimeZone();
  const { titles } = useTaskTitles();
  const query = route.query;
  const runs = useAllRuns(filterFrom(query, timeZone));
  const set = (key: FilterKey, value: string) => {
    const next = Object.fromEntries(filterKeys.map((k) => [k, query.get(k) ?? undefined]));
    replaceHash(pageHash('runs', { ...next, [key]: value }));
  };
  const select = (key: FilterKey, label: string, options: [string, string][]) => (
    <div className="filter">
      <label htmlFor={`runs-filter-${key}`}>{label}</label>
      <select id={`runs-filter-${key}`} value={query.get(key) ?? ''} onChange={(e) => set(key, e.target.value)}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="runs-page" aria-labelledby="runs-title">
      <div className="page-heading">
        <h2 id="runs-title" className="page-title">
          Runs
        </h2>
        <span className="muted" data-testid="runs-total" aria-live="polite">
          {runs.loaded ? `${runs.total.toLocaleString('en-US')} ${runs.total === 1 ? 'run' : 'runs'}` : 'Loading…'}
        </span>
      </div>
      <div className="page-toolbar filters" role="group" aria-label="Filter runs">
        {select('status', 'Status', Object.entries(runStatusLabels) as [RunStatus, string][])}
        <TaskPicker
          id="runs-filter-task"
          label="Task"
          value={query.get('task') ?? ''}
          titles={titles}
          onChange={(taskId) => set('task', taskId)}
        />
        {select('trigger', 'Trigger', Object.entries(runTriggerLabels) as [RunTrigger, string][])}
        <div className="filter">
          <label htmlFor="runs-filter-from">From</label>
          <input
            id="runs-filter-from"
            type="date"
            value={query.get('from') ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="filter">
          <label htmlFor="runs-filter-to">To</label>
          <input
            id="runs-filter-to"
            type="date"
            value={query.get('to') ?? ''}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        {filterKeys.some((k) => query.get(k)) && (
          <button type="button" className="link-button" onClick={() => replaceHash(pageHash('runs'))}>
            Clear filters
          </button>
        )}
      </div>
      {runs.error && (
        <p className="banner banner-error" role="alert">
          Could not load runs: {runs.error}
        </p>
      )}
      {runs.loaded && runs.runs.length === 0 ? (
        <p className="empty-state" data-testid="no-runs">
          {filterKeys.some((k) => query.get(k)) ? 'No runs match these filters.' : 'No runs yet.'}
        </p>
      ) : (
        <RunsList runs={runs} titles={titles} />
      )}
    </section>
  );
}
