// The Activity page: the timeline of everything the runtime did, newest first and live, grouped
// by day in the display timezone, filtered by type and task, with read state.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { TimelineEvent } from '../../api/contract-types';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { pageHash, runHash, type Route } from '../../lib/hash-route';
import { formatRunTime } from '../../lib/run-format';
import { replaceHash } from '../../lib/use-route';
import { useUnreadEvents } from '../../shell/unread-events';
import { useTaskTitles } from '../runs/use-task-titles';
import { TaskPicker } from '../runs/task-picker';
import { eventTypeLabel, groupByDay, knownEventTypes } from './event-groups';
import { useActivity } from './use-activity';

function EventRow({ event, title, onRead }: { event: TimelineEvent; title?: string; onRead(): void }) {
  const timeZone = useDisplayTimeZone();
  return (
    <li className={`event${event.read ? '' : ' event-unread'}`} data-testid="event" data-read={event.read}>
      <time className="event-time" dateTime={event.createdAt}>
        {formatRunTime(event.createdAt, timeZone, 'clockZone')}
      </time>
      <span className="event-type">{eventTypeLabel(event.type)}</span>
      <span className="event-summary">
        {event.summary}
        {title && !event.summary.includes(title) && <span className="muted"> · {title}</span>}
        {event.runId && (
          <>
            {' · '}
            <a href={runHash(event.runId)}>Open run</a>
          </>
        )}
      </span>
      {!event.read && (
        <button type="button" className="link-button event-mark" onClick={onRead}>
          Mark read<span className="visually-hidden">: {event.summary}</span>
        </button>
      )}
    </li>
  );
}

export function ActivityPage({ route }: { route: Route }) {
  const api = useApi();
  const timeZone = useDisplayTimeZone();
  const unread = useUnreadEvents();
  const { titles } = useTaskTitles();
  const type = route.query.get('type') ?? '';
  const taskId = route.query.get('task') ?? '';
  const activity = useActivity({ type, taskId });
  const [markError, setMarkError] = useState<string | null>(null);

  const markRead = async (input: { ids: number[] } | { all: true }) => {
    setMarkError(null);
    try {
      const answer = await api.call('events.markRead', input);
      unread.set(answer.unread);
      activity.markedRead('all' in input ? 'all' : input.ids);
    } catch (e) {
      setMarkError(e instanceof Error ? e.message : String(e));
    }
  };
  const setFilter = (key: 'type' | 'task', value: string) =>
    replaceHash(pageHash('activity', { type, task: taskId, [key]: value }));
  const types = [...new Set([...knownEventTypes, ...activity.events.map((e) => e.type)])].sort();

  return (
    <section className="activity-page" aria-labelledby="activity-title">
      <div className="page-heading">
        <h2 id="activity-title" className="page-title">
          Activity
        </h2>
        <span className="muted">{unread.count === null ? '' : `${unread.count} unread`}</span>
        <button type="button" className="button" disabled={!unread.count} onClick={() => void markRead({ all: true })}>
          Mark all read
        </button>
      </div>
      <div className="page-toolbar filters" role="group" aria-label="Filter activity">
        <div className="filter">
          <label htmlFor="activity-filter-type">Type</label>
          <select id="activity-filter-type" value={type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">Any</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {eventTypeLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <TaskPicker
          id="activity-filter-task"
          label="Task"
          value={taskId}
          titles={titles}
          onChange={(id) => setFilter('task', id)}
        />
      </div>
      {(activity.error || markError) && (
        <p className="banner banner-error" role="alert">
          {activity.error ? `Could not load activity: ${activity.error}` : markError}
        </p>
      )}
      {activity.loaded && activity.events.length === 0 && (
        <p className="empty-state">
          {type || taskId ? 'No activity matches these filters.' : 'Nothing has happened yet.'}
        </p>
      )}
      {groupByDay(activity.events, timeZone).map((day) => (
        <section key={day.key} className="event-day" aria-label={day.label}>
          <h3 className="event-day-title">{day.label}</h3>
          <ul className="event-list">
            {day.events.map((event) => (
              <EventRow
                key={event.id}
                event={event}
                title={event.taskId ? titles.get(event.taskId) : undefined}
                onRead={() => void markRead({ ids: [event.id] })}
              />
            ))}
          </ul>
        </section>
      ))}
      {activity.canLoadMore && (
        <button type="button" className="button" onClick={activity.loadMore}>
          Show older activity
        </button>
      )}
    </section>
  );
}
