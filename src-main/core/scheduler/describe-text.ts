// Small pieces of schedule descriptions: clock times, dates and lists as the task form shows them.
import { civilFromWall, type WallMs } from './local-time';

export const pad = (n: number): string => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function clockText(hour: number, minute: number, second = 0): string {
  return `${pad(hour)}:${pad(minute)}${second ? `:${pad(second)}` : ''}`;
}

/** "Tue, Dec 1, 2026" for a wall time. */
export function dateText(wall: WallMs): string {
  const c = civilFromWall(wall);
  const weekday = WEEKDAYS[(((Math.floor(wall / 86_400_000) + 4) % 7) + 7) % 7];
  return `${weekday}, ${MONTHS[c.month - 1]} ${c.day}, ${c.year}`;
}

/** "Tue, Dec 1, 2026 at 08:30" for a wall time. */
export function dateTimeText(wall: WallMs): string {
  const c = civilFromWall(wall);
  return `${dateText(wall)} at ${clockText(c.hour, c.minute, c.second)}`;
}

/** "a", "a and b", "a, b and c" (or "or" for the last link). */
export function joinList(items: string[], last = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
