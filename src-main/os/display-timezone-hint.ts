// The display timezone from config.json without loading the settings store (zod, conf): the
// headless host names times in its first moments, before those modules are loaded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_TIMEZONE = 'America/Denver';

/** config.json's displayTimezone when the file holds a valid one, else the default. */
export function displayTimezoneHint(dataDir: string): string {
  try {
    // The file SETTINGS_FILE names (os/settings-store.ts).
    const { displayTimezone } = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as {
      displayTimezone?: unknown;
    };
    if (typeof displayTimezone !== 'string') return DEFAULT_TIMEZONE;
    new Intl.DateTimeFormat('en-US', { timeZone: displayTimezone });
    return displayTimezone;
  } catch {
    // No file, no JSON, or a zone Intl does not know: the settings store reports those itself.
    return DEFAULT_TIMEZONE;
  }
}
