// Quiet hours and which kinds of notification are shown when a task's own policy says nothing.
import { useState } from 'react';
import { Field } from '../../components/field';
import { zoneAbbreviation } from '../../lib/schedule-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { SettingsSection } from './section';
import { useSaveSettings, type SettingsValues } from './use-settings';

type Kinds = SettingsValues['notifications'];

const kindLabels: Record<keyof Kinds, string> = {
  run_succeeded: 'A run succeeded',
  run_failed: 'A run failed',
  run_halted: 'A run halted',
  approval_needed: 'A run needs my approval',
  budget_warning: 'A budget is nearly or fully spent',
  missed_runs: 'Runs were missed',
  scheduler_stalled: 'The scheduler stopped running',
  deadline: 'A task is at risk of missing its deadline, or missed it',
};

export function NotificationsSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const [quiet, setQuiet] = useState(settings.quietHours);
  // Quiet hours are kept in the display timezone; the labels say which, as every time shown does.
  const zone = zoneAbbreviation(useMinuteClock(), settings.displayTimezone);
  const [kinds, setKinds] = useState<Kinds>(settings.notifications);
  const [atRiskHours, setAtRiskHours] = useState(String(settings.deadlines.atRiskHours));

  return (
    <SettingsSection
      id="notifications"
      title="Notifications"
      description="Which notifications Ridgeline shows, and the hours it keeps quiet. A task's own policy wins."
      state={state}
      fieldPaths={['quietHours', 'notifications', 'deadlines']}
      onSave={() =>
        void state.save({
          quietHours: quiet,
          notifications: kinds,
          // An empty or non-numeric entry goes as typed, so the server names what is wrong with it.
          deadlines: { atRiskHours: atRiskHours.trim() === '' ? Number.NaN : Number(atRiskHours) },
        })
      }
    >
      <label className="settings-check">
        <input
          type="checkbox"
          checked={quiet.enabled}
          onChange={(e) => setQuiet({ ...quiet, enabled: e.target.checked })}
        />
        Quiet hours
      </label>
      <div className="settings-row">
        <Field name="quietHours.start" label={`From (${zone})`} error={state.errorFor('quietHours.start')}>
          {(control) => (
            <input
              {...control}
              type="time"
              value={quiet.start}
              onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
            />
          )}
        </Field>
        <Field name="quietHours.end" label={`Until (${zone})`} error={state.errorFor('quietHours.end')}>
          {(control) => (
            <input
              {...control}
              type="time"
              value={quiet.end}
              onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset className="settings-kinds">
        <legend>Show a notification when</legend>
        {(Object.keys(kindLabels) as (keyof Kinds)[]).map((kind) => (
          <label key={kind} className="settings-check">
            <input
              type="checkbox"
              checked={kinds[kind]}
              onChange={(e) => setKinds({ ...kinds, [kind]: e.target.checked })}
            />
            {kindLabels[kind]}
          </label>
        ))}
      </fieldset>
      <Field
        name="deadlines.atRiskHours"
        label="A task is at risk this many hours before its deadline"
        error={state.errorFor('deadlines.atRiskHours')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={atRiskHours}
            onChange={(e) => setAtRiskHours(e.target.value)}
          />
        )}
      </Field>
    </SettingsSection>
  );
}
