import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePmsetBatt, parseWin32Battery } from '../../../src-main/os/power-readings';
import { readLinuxPowerSupply } from '../../../src-main/os/power-source';
import { makeTempDir } from '../../helpers/temp-dir';

/** A /sys/class/power_supply tree as a ThinkPad lays it out: AC, BAT0, and a wireless mouse's battery. */
function supplyDir(acOnline: '0' | '1', battery: { capacity: string; status: string }): string {
  const dir = makeTempDir();
  const entry = (name: string, files: Record<string, string>): void => {
    mkdirSync(join(dir, name));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, name, file), `${text}\n`);
  };
  entry('AC', { type: 'Mains', online: acOnline });
  entry('BAT0', { type: 'Battery', capacity: battery.capacity, status: battery.status, present: '1' });
  entry('hidpp_battery_0', { type: 'Battery', scope: 'Device', capacity: '5', status: 'Discharging' });
  return dir;
}

describe('Linux /sys/class/power_supply', () => {
  it('reads a laptop on battery, ignoring a peripheral battery', () => {
    expect(readLinuxPowerSupply(supplyDir('0', { capacity: '64', status: 'Discharging' }))).toEqual({
      onAcPower: false,
      batteryPercent: 64,
    });
  });

  it('reads a laptop on AC power', () => {
    expect(readLinuxPowerSupply(supplyDir('1', { capacity: '97', status: 'Charging' }))).toEqual({
      onAcPower: true,
      batteryPercent: 97,
    });
  });

  it('reads a machine without battery as on AC power, and a missing directory as unknown', () => {
    expect(readLinuxPowerSupply(makeTempDir())).toEqual({ onAcPower: true, batteryPercent: undefined });
    expect(readLinuxPowerSupply(join(makeTempDir(), 'absent'))).toEqual({
      onAcPower: undefined,
      batteryPercent: undefined,
    });
  });
});

describe('macOS pmset -g batt', () => {
  it('reads a MacBook on battery', () => {
    const output =
      "Now drawing from 'Battery Power'\n -InternalBattery-0 (id=4653155)\t85%; discharging; 5:23 remaining present: true\n";
    expect(parsePmsetBatt(output)).toEqual({ onAcPower: false, batteryPercent: 85 });
  });

  it('reads a MacBook charging on AC power', () => {
    const output =
      "Now drawing from 'AC Power'\n -InternalBattery-0 (id=4653155)\t42%; charging; 1:10 remaining present: true\n";
    expect(parsePmsetBatt(output)).toEqual({ onAcPower: true, batteryPercent: 42 });
  });

  it('reads a Mac mini (no battery) as on AC power with no charge', () => {
    expect(parsePmsetBatt("Now drawing from 'AC Power'\n")).toEqual({ onAcPower: true, batteryPercent: undefined });
  });
});

describe('Windows Win32_Battery through PowerShell', () => {
  it('reads one battery discharging', () => {
    expect(parseWin32Battery('{"BatteryStatus":1,"EstimatedChargeRemaining":57}\r\n')).toEqual({
      onAcPower: false,
      batteryPercent: 57,
    });
  });

  it('reads two batteries, one charging, as on AC power', () => {
    const output =
      '[{"BatteryStatus":2,"EstimatedChargeRemaining":90},{"BatteryStatus":6,"EstimatedChargeRemaining":70}]';
    expect(parseWin32Battery(output)).toEqual({ onAcPower: true, batteryPercent: 80 });
  });

  it('reads a desktop without battery (no output) as on AC power, and garbage as unknown', () => {
    expect(parseWin32Battery('\r\n')).toEqual({ onAcPower: true, batteryPercent: undefined });
    expect(parseWin32Battery('Get-CimInstance : Access denied')).toEqual({
      onAcPower: undefined,
      batteryPercent: undefined,
    });
  });
});
