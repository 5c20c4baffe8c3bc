import { describe, expect, it } from 'vitest';
import {
  parseWakeTimersSetting,
  pmsetCancelWake,
  pmsetDate,
  pmsetWake,
  rtcwakeCancel,
  rtcwakeWake,
  wakealarmWrites,
  windowsCancelWake,
  windowsWake,
} from '../../../../src-main/os/wake/wake-commands';

const at = (iso: string): number => Date.parse(iso);
const denver = 'America/Denver';

describe('pmset dates, on the wall clock pmset reads', () => {
  it('writes MM/dd/yy HH:mm:ss in the machine zone, in 24-hour time', () => {
    expect(pmsetDate(at('2026-12-05T15:29:00Z'), denver)).toBe('12/05/26 08:29:00');
    expect(pmsetDate(at('2026-12-06T05:05:07Z'), denver)).toBe('12/05/26 22:05:07');
    expect(pmsetDate(at('2026-12-05T15:29:00Z'), 'Asia/Kolkata')).toBe('12/05/26 20:59:00');
    expect(pmsetDate(at('2027-01-01T06:59:59Z'), denver)).toBe('12/31/26 23:59:59');
    expect(pmsetDate(at('2027-01-01T07:00:00Z'), denver)).toBe('01/01/27 00:00:00');
  });

  it('shows midnight as 00, not 24', () => {
    expect(pmsetDate(at('2026-12-05T07:00:00Z'), denver)).toBe('12/05/26 00:00:00');
  });

  it('rounds down to the second, so the wake is never later than asked', () => {
    expect(pmsetDate(at('2026-12-05T15:29:59.999Z'), denver)).toBe('12/05/26 08:29:59');
  });

  it('steps from 01:59:59 MST straight to 03:00:00 MDT across the 2026-03-08 spring-forward gap', () => {
    expect(pmsetDate(at('2026-03-08T08:59:59Z'), denver)).toBe('03/08/26 01:59:59');
    expect(pmsetDate(at('2026-03-08T09:00:00Z'), denver)).toBe('03/08/26 03:00:00');
    expect(pmsetDate(at('2027-03-14T09:29:00Z'), denver)).toBe('03/14/27 03:29:00');
  });

  it('gives both instants of the repeated hour of 2026-11-01 the same local time', () => {
    expect(pmsetDate(at('2026-11-01T07:29:00Z'), denver)).toBe('11/01/26 01:29:00');
    expect(pmsetDate(at('2026-11-01T08:29:00Z'), denver)).toBe('11/01/26 01:29:00');
    expect(pmsetDate(at('2026-11-01T09:29:00Z'), denver)).toBe('11/01/26 02:29:00');
    expect(pmsetDate(at('2027-11-07T08:29:00Z'), denver)).toBe('11/07/27 01:29:00');
  });
});

describe('wake commands', () => {
  const wakeAt = at('2026-12-05T15:29:00Z');

  it('sets and cancels a pmset wake under the Ridgeline owner, through sudo -n when asked', () => {
    expect(pmsetWake(wakeAt, { timeZone: denver, sudo: false })).toEqual({
      file: 'pmset',
      args: ['schedule', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
    });
    expect(pmsetWake(wakeAt, { timeZone: denver, sudo: true })).toEqual({
      file: 'sudo',
      args: ['-n', 'pmset', 'schedule', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
    });
    expect(pmsetCancelWake(wakeAt, { timeZone: denver, sudo: true })).toEqual({
      file: 'sudo',
      args: ['-n', 'pmset', 'schedule', 'cancel', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
    });
  });

  it('gives rtcwake and the wakealarm file epoch seconds, whatever the zone', () => {
    expect(rtcwakeWake(wakeAt, false)).toEqual({ file: 'rtcwake', args: ['-m', 'no', '-t', '1796484540'] });
    expect(rtcwakeWake(wakeAt + 999, true)).toEqual({
      file: 'sudo',
      args: ['-n', 'rtcwake', '-m', 'no', '-t', '1796484540'],
    });
    expect(rtcwakeCancel(false)).toEqual({ file: 'rtcwake', args: ['-m', 'disable'] });
    expect(wakealarmWrites(wakeAt)).toEqual(['0', '1796484540']);
  });

  it('registers a WakeToRun scheduled task at the instant in epoch seconds, and unregisters it', () => {
    const wake = windowsWake(wakeAt);
    expect(wake.file).toBe('powershell.exe');
    expect(wake.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(wake.args[3]).toBe(
      "$ErrorActionPreference = 'Stop'; " +
        '$at = [DateTimeOffset]::FromUnixTimeSeconds(1796484540).LocalDateTime; ' +
        '$trigger = New-ScheduledTaskTrigger -Once -At $at; ' +
        '$settings = New-ScheduledTaskSettingsSet -WakeToRun -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries; ' +
        "$action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument '/c exit 0'; " +
        "Register-ScheduledTask -TaskName 'Wake for runs' -TaskPath '\\Ridgeline\\' -Trigger $trigger " +
        '-Settings $settings -Action $action -Force | Out-Null',
    );
    expect(windowsCancelWake().args[3]).toBe(
      "Unregister-ScheduledTask -TaskName 'Wake for runs' -TaskPath '\\Ridgeline\\' -Confirm:$false -ErrorAction SilentlyContinue",
    );
  });

  it("reads the AC wake-timer setting from powercfg's output", () => {
    const output = [
      '    Power Setting GUID: bd3b718a-0680-4d9d-8ab2-e1d2b4ac806d  (Allow wake timers)',
      '      Current AC Power Setting Index: 0x00000002',
      '      Current DC Power Setting Index: 0x00000000',
    ].join('\r\n');
    expect(parseWakeTimersSetting(output)).toBe(2);
    expect(parseWakeTimersSetting('Zeitgeber zur Aktivierung zulassen')).toBeUndefined();
  });
});
