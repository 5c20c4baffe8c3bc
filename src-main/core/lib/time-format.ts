// Times shown to a person read in the display timezone with its abbreviation ("8:30 AM MST").
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

function clean(text: string): string {
  // Intl puts a narrow no-break space before AM/PM; notifications and menus want a plain space.
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** "8:30 AM MST" */
export function formatTime(epochMs: number, timeZone: string): string {
  return clean(formatter(timeZone, false).format(epochMs));
}

/** "Mon, Nov 23, 8:30 AM MST" */
export function formatDateTime(epochMs: number, timeZone: string): string {
  return clean(formatter(timeZone, true).format(epochMs));
}

// Building a DateTimeFormat costs a fraction of a millisecond; every task write checks its zone.
const zoneValidity = new Map<string, boolean>();
const MAX_REMEMBERED_ZONES = 1000;

export function isValidTimeZone(timeZone: string): boolean {
  const known = zoneValidity.get(timeZone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    valid = true;
  } catch {
    valid = false;
  }
  if (zoneValidity.size < MAX_REMEMBERED_ZONES) zoneValidity.set(timeZone, valid);
  return valid;
}

/** The UTC ISO-8601 form of an instant, as the API and the database's JSON carry it. */
export function isoAt(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The instant an ISO-8601 string (as isoAt writes it) names, or null for none. */
export function msAt(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

/** "from 11:02 PM to 7:45 AM MST"; dates appear when the span is a day or more. */
export function formatRange(fromMs: number, toMs: number, timeZone: string): string {
  const long = toMs - fromMs >= 24 * 3600_000;
  const from = long ? formatDateTime(fromMs, timeZone) : formatTime(fromMs, timeZone);
  const to = long ? formatDateTime(toMs, timeZone) : formatTime(toMs, timeZone);
  const zone = (text: string): string => text.slice(text.lastIndexOf(' ') + 1);
  const fromText = zone(from) === zone(to) ? from.slice(0, from.lastIndexOf(' ')) : from;
  return `from ${fromText} to ${to}`;
}
