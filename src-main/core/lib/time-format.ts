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

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
