// Whether this user can set a wake from sleep, and how; when not, why and what to do. Read from
// the OS each time it is asked, with the same commands the wake itself uses.
import { access, constants } from 'node:fs/promises';
import type { WakeCapability } from '../../core/ports';
import { runCommand } from './run-command';
import { parseWakeTimersSetting, windowsWakeTimersQuery, type OsCommand } from './wake-commands';

/** The machine Ridgeline runs on, as the wake adapter sees it; tests point each part elsewhere. */
export interface WakeHost {
  platform: NodeJS.Platform;
  /** The effective user id; undefined on Windows. */
  uid: number | undefined;
  userName: string;
  /** PATH and the rest of the environment the commands run with. */
  env: NodeJS.ProcessEnv;
  /** Linux's RTC wake alarm file, normally /sys/class/rtc/rtc0/wakealarm. */
  wakealarmPath: string;
  /** The machine's local time zone, which pmset's dates are written in. */
  timeZone(): string;
}

/** How the adapter sets a wake on this machine: the capability, plus what the adapter needs to know. */
export type WakeMethod =
  | { kind: 'wakealarm' }
  | { kind: 'rtcwake'; sudo: boolean }
  | { kind: 'pmset'; sudo: boolean }
  | { kind: 'windows-task' };

export interface WakeProbe {
  capability: WakeCapability;
  method: WakeMethod | null;
}

const able = (method: WakeMethod, text: string): WakeProbe => ({
  capability: { available: true, method: text, reason: null, remedy: null },
  method,
});
const unable = (reason: string, remedy: string | null): WakeProbe => ({
  capability: { available: false, method: null, reason, remedy },
  method: null,
});

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `sudo -n -l <program>` exits 0 when sudo would run it as root without asking for a password. */
async function sudoAllows(program: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await runCommand({ file: 'sudo', args: ['-n', '-l', program] }, env);
  return result.code === 0;
}

async function runs(command: OsCommand, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await runCommand(command, env)).code === 0;
}

async function probeLinux(host: WakeHost): Promise<WakeProbe> {
  const file = host.wakealarmPath;
  if (!(await exists(file))) {
    return unable(`this machine has no RTC wake alarm (${file} does not exist)`, null);
  }
  if (await writable(file)) return able({ kind: 'wakealarm' }, `the RTC wake alarm (${file})`);
  const hasRtcwake = await runs({ file: 'rtcwake', args: ['--version'] }, host.env);
  if (hasRtcwake && host.uid === 0) return able({ kind: 'rtcwake', sudo: false }, 'rtcwake, as root');
  if (hasRtcwake && (await sudoAllows('rtcwake', host.env))) {
    return able({ kind: 'rtcwake', sudo: true }, 'rtcwake, through sudo without a password');
  }
  return unable(
    `${file} can be written only by root${hasRtcwake ? ', and sudo asks for a password to run rtcwake' : ', and rtcwake (util-linux) is not installed'}`,
    `let your user set the alarm: either a udev rule such as ` +
      `ACTION=="add", SUBSYSTEM=="rtc", KERNEL=="rtc0", RUN+="/bin/chmod 0666 ${file}" in ` +
      `/etc/udev/rules.d/90-ridgeline-wake.rules, or a sudoers line (sudo visudo -f /etc/sudoers.d/ridgeline) ` +
      `"${host.userName} ALL=(root) NOPASSWD: /usr/sbin/rtcwake"`,
  );
}

async function probeMac(host: WakeHost): Promise<WakeProbe> {
  if (host.uid === 0) return able({ kind: 'pmset', sudo: false }, 'pmset, as root');
  if (await sudoAllows('pmset', host.env)) {
    return able({ kind: 'pmset', sudo: true }, 'pmset, through sudo without a password');
  }
  return unable(
    'pmset needs administrator rights to schedule a wake, and sudo asks for a password',
    `allow pmset without a password: run sudo visudo -f /etc/sudoers.d/ridgeline and add ` +
      `"${host.userName} ALL=(root) NOPASSWD: /usr/bin/pmset"`,
  );
}

async function probeWindows(host: WakeHost): Promise<WakeProbe> {
  const timers = await runCommand(windowsWakeTimersQuery, host.env);
  const setting = timers.code === 0 ? parseWakeTimersSetting(timers.stdout) : undefined;
  if (setting === 0 || setting === 2) {
    return unable(
      setting === 0
        ? 'wake timers are turned off in the active power plan'
        : 'the active power plan lets only important wake timers wake the computer',
      'turn on "Allow wake timers" (Power Options > Change advanced power settings > Sleep), or run ' +
        'powercfg /setacvalueindex SCHEME_CURRENT SUB_SLEEP RTCWAKE 1 and powercfg /setactive SCHEME_CURRENT',
    );
  }
  const scheduledTasks = await runCommand(
    {
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-Command', 'Get-Command Register-ScheduledTask | Out-Null'],
    },
    host.env,
  );
  if (scheduledTasks.code !== 0) {
    return unable("PowerShell's ScheduledTasks module is not available to register a wake", null);
  }
  return able({ kind: 'windows-task' }, 'a scheduled task that wakes the computer (WakeToRun)');
}

export async function probeWake(host: WakeHost): Promise<WakeProbe> {
  switch (host.platform) {
    case 'linux':
      return probeLinux(host);
    case 'darwin':
      return probeMac(host);
    case 'win32':
      return probeWindows(host);
    default:
      return unable(`Ridgeline cannot set a wake from sleep on ${host.platform}`, null);
  }
}
