// A task's run conditions as stored: read leniently, so a hand-edited row never stops the queue.
import type { RunConditions } from './types';

/** The stored JSON object back as conditions; fields of the wrong type are left out. */
export function parseConditions(json: string): RunConditions {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (value === null || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const out: RunConditions = {};
  if (typeof v.acPower === 'boolean') out.acPower = v.acPower;
  if (typeof v.idleMinutes === 'number') out.idleMinutes = v.idleMinutes;
  if (typeof v.minBatteryPercent === 'number') out.minBatteryPercent = v.minBatteryPercent;
  return out;
}
