// The "Wake for runs" line of `ridgeline status`: whether the host can wake the computer for
// wake-to-run tasks, what it has set, or why it cannot and what to do.
import type { WakeStatus } from '../../core/api/contract';
import { paint, time, type Output } from './output';

export function wakeLine(out: Output, wake: WakeStatus): string {
  if (!wake.available) {
    const remedy = wake.remedy ? `; to allow it, ${wake.remedy}` : '';
    return `${paint(out, 'yellow', 'not available')} because ${wake.reason ?? 'the OS gives no way to set one'}${remedy}`;
  }
  const how = `available (${wake.method ?? 'set by the OS'})`;
  const armed = wake.armed
    ? `; wakes at ${time(out, wake.armed.wakeAt)} for "${wake.armed.title}"`
    : '; no wake-to-run task is due';
  const failed = wake.lastError ? `; ${paint(out, 'red', `the last wake could not be set: ${wake.lastError}`)}` : '';
  return `${paint(out, 'green', how)}${armed}${failed}`;
}
