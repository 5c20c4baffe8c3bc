// The headless host's PowerSource: read from the OS. Linux reads /sys/class/power_supply on each
// call (RIDGELINE_POWER_SUPPLY_DIR points it elsewhere); macOS and Windows run a command, so their
// reading is refreshed in the background and read from memory. Idle time needs a desktop session,
// which the headless host has none of: it is not known here (the desktop host reads it).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerSource } from '../core/ports';
import {
  parseLinuxPowerSupply,
  parsePmsetBatt,
  parseWin32Battery,
  WINDOWS_BATTERY_COMMAND,
  type LinuxSupplyEntry,
  type PowerState,
} from './power-readings';

export const DEFAULT_POWER_SUPPLY_DIR = '/sys/class/power_supply';
const REFRESH_MS = 30_000;

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function readLinuxPowerSupply(dir: string): PowerState {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { onAcPower: undefined, batteryPercent: undefined };
  }
  const entries = names.map((name): LinuxSupplyEntry => {
    const entry: LinuxSupplyEntry = { name };
    for (const field of ['type', 'online', 'capacity', 'status', 'scope'] as const) {
      const value = readOptional(join(dir, name, field));
      if (value !== undefined) entry[field] = value;
    }
    return entry;
  });
  return parseLinuxPowerSupply(entries);
}

/** A reading refreshed by a command every 30 s, in the background: no call waits for the command. */
function polledSource(read: (done: (state: PowerState) => void) => void): PowerSource & { stop(): void } {
  let state: PowerState = { onAcPower: undefined, batteryPercent: undefined };
  const refresh = (): void => read((next) => (state = next));
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  timer.unref();
  return {
    onAcPower: () => state.onAcPower,
    batteryPercent: () => state.batteryPercent,
    idleSeconds: () => undefined,
    stop: () => clearInterval(timer),
  };
}

function commandReader(
  file: string,
  args: string[],
  parse: (output: string) => PowerState,
): (done: (state: PowerState) => void) => void {
  return (done) =>
    execFile(file, args, { timeout: 10_000, windowsHide: true }, (error, stdout) =>
      done(error ? { onAcPower: undefined, batteryPercent: undefined } : parse(stdout)),
    );
}

export function createOsPowerSource(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): PowerSource & { stop(): void } {
  switch (platform) {
    case 'darwin':
      return polledSource(commandReader('pmset', ['-g', 'batt'], parsePmsetBatt));
    case 'win32':
      return polledSource(
        commandReader(
          'powershell.exe',
          ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_BATTERY_COMMAND],
          parseWin32Battery,
        ),
      );
    default: {
      const dir = env.RIDGELINE_POWER_SUPPLY_DIR || DEFAULT_POWER_SUPPLY_DIR;
      return {
        onAcPower: () => readLinuxPowerSupply(dir).onAcPower,
        batteryPercent: () => readLinuxPowerSupply(dir).batteryPercent,
        idleSeconds: () => undefined,
        stop: () => undefined,
      };
    }
  }
}
