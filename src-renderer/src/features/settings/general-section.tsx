// Display timezone, how many runs may go at once, and launch at login.
import { useState } from 'react';
import { Field } from '../../components/field';
import { SettingsSection } from './section';
import { useSaveSettings, type SettingsValues } from './use-settings';

/** Zones most people pick; any other IANA zone can be typed in. */
export const commonTimeZones = [
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Kyiv',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

const OTHER = 'other';

export function GeneralSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const known = commonTimeZones.includes(settings.displayTimezone);
  const [zoneChoice, setZoneChoice] = useState(known ? settings.displayTimezone : OTHER);
  const [otherZone, setOtherZone] = useState(known ? '' : settings.displayTimezone);
  const [maxRuns, setMaxRuns] = useState(String(settings.maxConcurrentRuns));
  const [launchAtLogin, setLaunchAtLogin] = useState(settings.launchAtLogin);

  const save = () =>
    void state.save({
      displayTimezone: zoneChoice === OTHER ? otherZone.trim() : zoneChoice,
      maxConcurrentRuns: Number(maxRuns),
      launchAtLogin,
    });

  return (
    <SettingsSection
      id="general"
      title="General"
      state={state}
      fieldPaths={['displayTimezone', 'maxConcurrentRuns', 'launchAtLogin']}
      onSave={save}
    >
      <Field
        name="displayTimezone"
        label="Display timezone"
        hint="Times on the board, in the tray and in notifications read in this zone."
        error={state.errorFor('displayTimezone')}
      >
        {(control) => (
          <div className="settings-zone">
            <select {...control} value={zoneChoice} onChange={(e) => setZoneChoice(e.target.value)}>
              {commonTimeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
              <option value={OTHER}>Other…</option>
            </select>
            {zoneChoice === OTHER && (
              <input
                aria-label="Other timezone"
                data-testid="other-timezone"
                placeholder="e.g. America/Boise"
                value={otherZone}
                onChange={(e) => setOtherZone(e.target.value)}
              />
            )}
          </div>
        )}
      </Field>
      <Field
        name="maxConcurrentRuns"
        label="Runs at once"
        hint="How many runs may execute at the same time (1–64)."
        error={state.errorFor('maxConcurrentRuns')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            value={maxRuns}
            onChange={(e) => setMaxRuns(e.target.value)}
          />
        )}
      </Field>
      <label className="settings-check">
        <input type="checkbox" checked={launchAtLogin} onChange={(e) => setLaunchAtLogin(e.target.checked)} />
        Start Ridgeline in the tray when I log in
      </label>
    </SettingsSection>
  );
}
