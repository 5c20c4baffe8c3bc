// Calendar days and months in the display timezone: where a budget's period starts and how it is
// named ("2026-11-23", "2026-11"), so spending resets at local midnight, not at UTC midnight.
import { civilFromWall, instantToWallClock, resolveWallClock, wallFromCivil } from '../lib/local-time';

export interface Period {
  /** "2026-11-23" for a day, "2026-11" for a month. */
  key: string;
  /** The instant the period began. */
  startMs: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function dayOf(instant: number, timeZone: string): Period {
  const c = civilFromWall(instantToWallClock(instant, timeZone));
  const startMs = resolveWallClock(wallFromCivil({ ...c, hour: 0, minute: 0, second: 0, millisecond: 0 }), timeZone);
  return { key: `${c.year}-${pad(c.month)}-${pad(c.day)}`, startMs };
}

export function monthOf(instant: number, timeZone: string): Period {
  const c = civilFromWall(instantToWallClock(instant, timeZone));
  const startMs = resolveWallClock(
    wallFromCivil({ ...c, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }),
    timeZone,
  );
  return { key: `${c.year}-${pad(c.month)}`, startMs };
}
