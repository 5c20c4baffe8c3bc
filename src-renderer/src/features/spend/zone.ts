// A time zone's abbreviation now ("MST"), for pages that name the zone their days are counted in.
export function abbreviation(timeZone: string, at = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
