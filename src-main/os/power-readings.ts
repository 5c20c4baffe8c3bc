// What each OS says about its power supply, parsed into one reading. Pure: the text comes in, so
// each parser is tested with real outputs of the command or files it reads.

export interface PowerState {
  onAcPower: boolean | undefined;
  batteryPercent: number | undefined;
}

/** One entry of Linux's /sys/class/power_supply: the files Ridgeline reads from it, as read. */
export interface LinuxSupplyEntry {
  name: string;
  type?: string;
  online?: string;
  capacity?: string;
  status?: string;
  /** "Device" for a peripheral's battery (a mouse, a headset): not the machine's. */
  scope?: string;
}

export function parseLinuxPowerSupply(entries: readonly LinuxSupplyEntry[]): PowerState {
  const trimmed = (value: string | undefined): string | undefined => value?.trim();
  const mains = entries.filter((e) => ['Mains', 'USB', 'USB_C', 'USB_PD'].includes(trimmed(e.type) ?? ''));
  const batteries = entries.filter((e) => trimmed(e.type) === 'Battery' && trimmed(e.scope) !== 'Device');
  const percents = batteries.map((b) => Number(trimmed(b.capacity))).filter((n) => Number.isFinite(n));
  const batteryPercent = percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : undefined;
  let onAcPower: boolean | undefined;
  if (mains.some((m) => trimmed(m.online) === '1')) onAcPower = true;
  else if (batteries.some((b) => trimmed(b.status) === 'Discharging')) onAcPower = false;
  else if (mains.length > 0) onAcPower = mains.every((m) => trimmed(m.online) === undefined) ? undefined : false;
  // No battery at all: a desktop or a server, which runs on mains.
  else if (batteries.length === 0) onAcPower = true;
  return { onAcPower, batteryPercent };
}

/**
 * `pmset -g batt` on macOS, e.g.
 *   Now drawing from 'Battery Power'
 *    -InternalBattery-0 (id=4653155)	85%; discharging; 5:23 remaining present: true
 */
export function parsePmsetBatt(output: string): PowerState {
  const source = /Now drawing from '([^']+)'/.exec(output)?.[1];
  const percent = /\t(\d{1,3})%;/.exec(output)?.[1] ?? /\s(\d{1,3})%;/.exec(output)?.[1];
  return {
    onAcPower: source === undefined ? undefined : source === 'AC Power',
    batteryPercent: percent === undefined ? undefined : Number(percent),
  };
}

/** The PowerShell command whose JSON output parseWin32Battery reads. */
export const WINDOWS_BATTERY_COMMAND =
  'Get-CimInstance -ClassName Win32_Battery | Select-Object BatteryStatus,EstimatedChargeRemaining | ConvertTo-Json -Compress';

// Win32_Battery.BatteryStatus: 1 discharging, 4 low and 5 critical are on battery; the rest (2 on
// AC, 3 fully charged, 6-9 charging, 10 undefined, 11 partially charged) are on mains.
const ON_BATTERY_STATUSES = new Set([1, 4, 5]);

/** The JSON of WINDOWS_BATTERY_COMMAND: one object, an array (several batteries), or nothing (no battery). */
export function parseWin32Battery(output: string): PowerState {
  const text = output.trim();
  if (text === '') return { onAcPower: true, batteryPercent: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { onAcPower: undefined, batteryPercent: undefined };
  }
  const list = (Array.isArray(value) ? value : [value]) as Array<{
    BatteryStatus?: unknown;
    EstimatedChargeRemaining?: unknown;
  }>;
  const statuses = list.map((b) => b.BatteryStatus).filter((s): s is number => typeof s === 'number');
  const percents = list.map((b) => b.EstimatedChargeRemaining).filter((p): p is number => typeof p === 'number');
  return {
    onAcPower: statuses.length === 0 ? undefined : !statuses.some((s) => ON_BATTERY_STATUSES.has(s)),
    batteryPercent: percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : undefined,
  };
}
