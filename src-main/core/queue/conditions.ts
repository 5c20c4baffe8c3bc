// Run conditions: whether the machine's power and idle state let a task's run start now, and if
// not, the reason a person reads in the queue ("Waiting for AC power"). Pure: the reading comes in.
import type { RunConditions } from '../model/types';
import type { PowerSource } from '../ports';

export type { RunConditions };
export { parseConditions } from '../model/run-conditions';

export interface PowerReading {
  onAcPower: boolean | undefined;
  batteryPercent: number | undefined;
  idleSeconds: number | undefined;
}

export function readPower(source: PowerSource): PowerReading {
  return { onAcPower: source.onAcPower(), batteryPercent: source.batteryPercent(), idleSeconds: source.idleSeconds() };
}

export function hasConditions(conditions: RunConditions): boolean {
  return (
    conditions.acPower === true || conditions.idleMinutes !== undefined || conditions.minBatteryPercent !== undefined
  );
}

/**
 * The first condition the reading does not meet, as the reason the run waits; null when it may
 * start. A value the host cannot read (a desktop without a battery, idle time on a server without
 * a display) does not hold a run: waiting for a reading that never comes would stop the task for good.
 */
export function unmetCondition(conditions: RunConditions, power: PowerReading): string | null {
  if (conditions.acPower === true && power.onAcPower === false) return 'Waiting for AC power';
  const min = conditions.minBatteryPercent;
  if (min !== undefined && power.onAcPower !== true && power.batteryPercent !== undefined) {
    if (power.batteryPercent < min) {
      return `Waiting for the battery to reach ${min} % (now ${Math.round(power.batteryPercent)} %) or for AC power`;
    }
  }
  const idle = conditions.idleMinutes;
  if (idle !== undefined && power.idleSeconds !== undefined && power.idleSeconds < idle * 60) {
    return `Waiting until the computer has been idle for ${idle} minute${idle === 1 ? '' : 's'}`;
  }
  return null;
}
