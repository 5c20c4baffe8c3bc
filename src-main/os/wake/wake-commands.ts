// The OS commands that set and remove a wake from sleep, as pure functions of the instant, so each
// argv is pinned by a test: macOS pmset, Windows a scheduled task with WakeToRun, Linux rtcwake or
// the RTC's wakealarm file.

export interface OsCommand {
  file: string;
  args: string[];
}

/** Wakes are set to the whole second at or before the instant: waking late would miss the minute's lead. */
export function wakeSeconds(at: number): number {
  return Math.floor(at / 1000);
}

/** Runs the command through `sudo -n` (never prompting) when the user needs it for root. */
function maybeSudo(command: OsCommand, sudo: boolean): OsCommand {
  return sudo ? { file: 'sudo', args: ['-n', command.file, ...command.args] } : command;
}

/**
 * pmset's date, "MM/dd/yy HH:mm:ss" on the wall clock of `timeZone` (pmset reads the machine's
 * local time). In the hour a fall-back repeats, both instants read the same: pmset then wakes at
 * the first, up to an hour early, which still wakes the machine before the run.
 */
export function pmsetDate(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(wakeSeconds(at) * 1000));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}/${part('day')}/${part('year')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The owner pmset files the wake under, so cancelling removes Ridgeline's wake and no other. */
export const PMSET_OWNER = 'Ridgeline';

export interface PmsetOptions {
  timeZone: string;
  sudo: boolean;
}

export function pmsetWake(at: number, { timeZone, sudo }: PmsetOptions): OsCommand {
  return maybeSudo({ file: 'pmset', args: ['schedule', 'wake', pmsetDate(at, timeZone), PMSET_OWNER] }, sudo);
}

export function pmsetCancelWake(at: number, { timeZone, sudo }: PmsetOptions): OsCommand {
  return maybeSudo({ file: 'pmset', args: ['schedule', 'cancel', 'wake', pmsetDate(at, timeZone), PMSET_OWNER] }, sudo);
}

/** `-m no` sets the RTC alarm without suspending; `-t` takes seconds since the epoch, so no time zone. */
export function rtcwakeWake(at: number, sudo: boolean): OsCommand {
  return maybeSudo({ file: 'rtcwake', args: ['-m', 'no', '-t', String(wakeSeconds(at))] }, sudo);
}

export function rtcwakeCancel(sudo: boolean): OsCommand {
  return maybeSudo({ file: 'rtcwake', args: ['-m', 'disable'] }, sudo);
}

/**
 * What is written to /sys/class/rtc/rtc0/wakealarm, in order: the kernel refuses a new alarm while
 * one is set, so it is cleared first.
 */
export function wakealarmWrites(at: number): string[] {
  return ['0', String(wakeSeconds(at))];
}

export const WINDOWS_TASK_PATH = '\\Ridgeline\\';
export const WINDOWS_TASK_NAME = 'Wake for runs';

function powershell(script: string): OsCommand {
  return { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script] };
}

/**
 * A scheduled task of the current user that does nothing but wake the computer (WakeToRun). The
 * instant goes in as epoch seconds and Windows turns it into its own local time, DST included.
 */
export function windowsWake(at: number): OsCommand {
  return powershell(
    [
      "$ErrorActionPreference = 'Stop'",
      `$at = [DateTimeOffset]::FromUnixTimeSeconds(${wakeSeconds(at)}).LocalDateTime`,
      '$trigger = New-ScheduledTaskTrigger -Once -At $at',
      '$settings = New-ScheduledTaskSettingsSet -WakeToRun -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries',
      "$action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0'",
      `Register-ScheduledTask -TaskName '${WINDOWS_TASK_NAME}' -TaskPath '${WINDOWS_TASK_PATH}' -Trigger $trigger -Settings $settings -Action $action -Force | Out-Null`,
    ].join('; '),
  );
}

export function windowsCancelWake(): OsCommand {
  return powershell(
    `Unregister-ScheduledTask -TaskName '${WINDOWS_TASK_NAME}' -TaskPath '${WINDOWS_TASK_PATH}' -Confirm:$false -ErrorAction SilentlyContinue`,
  );
}

/** Whether Windows' power plan lets timers wake the machine: `powercfg` reads RTCWAKE of the active plan. */
export const windowsWakeTimersQuery: OsCommand = {
  file: 'powercfg',
  args: ['/query', 'SCHEME_CURRENT', 'SUB_SLEEP', 'RTCWAKE'],
};

/**
 * The AC setting of `powercfg /query ... RTCWAKE`: 0 disabled, 1 enabled, 2 important timers only;
 * undefined when the output holds no such line (another language, another build).
 */
export function parseWakeTimersSetting(output: string): number | undefined {
  const match = /Current AC Power Setting Index:\s*0x([0-9a-f]+)/i.exec(output);
  return match ? parseInt(match[1]!, 16) : undefined;
}
