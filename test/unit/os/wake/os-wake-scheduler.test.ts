import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOsWakeScheduler } from '../../../../src-main/os/wake/os-wake-scheduler';
import type { WakeHost } from '../../../../src-main/os/wake/wake-capability';
import { fakePrograms, type FakePrograms } from '../../../helpers/fake-programs';
import { makeTempDir } from '../../../helpers/temp-dir';

// The real pmset, rtcwake, sudo, powershell and powercfg would change this machine or do not exist
// here: each is a fake executable on PATH that records its argv (see helpers/fake-programs).
const at = Date.parse('2026-12-05T15:29:00Z');

function host(fakes: FakePrograms, overrides: Partial<WakeHost>): WakeHost {
  return {
    platform: 'linux',
    uid: 1000,
    userName: 'ada',
    env: fakes.env,
    wakealarmPath: join(makeTempDir(), 'missing', 'wakealarm'),
    timeZone: () => 'America/Denver',
    ...overrides,
  };
}

function wakealarmFile(): string {
  const file = join(makeTempDir(), 'wakealarm');
  writeFileSync(file, '');
  return file;
}

describe('the wake adapter on Linux', () => {
  it('writes the instant in epoch seconds to a writable wakealarm file, and 0 to cancel', async () => {
    const fakes = fakePrograms(['rtcwake', 'sudo']);
    const file = wakealarmFile();
    const wake = createOsWakeScheduler(host(fakes, { wakealarmPath: file }));
    expect(await wake.capability()).toEqual({
      available: true,
      method: `the RTC wake alarm (${file})`,
      reason: null,
      remedy: null,
    });
    await wake.arm(at);
    expect(readFileSync(file, 'utf8')).toBe('1796484540');
    await wake.cancel();
    expect(readFileSync(file, 'utf8')).toBe('0');
    expect(fakes.calls()).toEqual([]);
  });

  it('says the machine has no RTC wake alarm when the file is missing, and refuses to arm naming it', async () => {
    const fakes = fakePrograms(['rtcwake', 'sudo']);
    const h = host(fakes, {});
    const wake = createOsWakeScheduler(h);
    const capability = await wake.capability();
    expect(capability.available).toBe(false);
    expect(capability.reason).toBe(`this machine has no RTC wake alarm (${h.wakealarmPath} does not exist)`);
    await expect(wake.arm(at)).rejects.toThrow(`${h.wakealarmPath} does not exist`);
  });
});

describe('the wake adapter on macOS', () => {
  it('runs pmset as root, and cancels the wake it set before setting the next', async () => {
    const fakes = fakePrograms(['pmset', 'sudo']);
    const wake = createOsWakeScheduler(host(fakes, { platform: 'darwin', uid: 0 }));
    expect((await wake.capability()).method).toBe('pmset, as root');
    await wake.arm(at);
    await wake.arm(at + 3600_000);
    await wake.cancel();
    expect(fakes.calls()).toEqual([
      ['pmset', 'schedule', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
      ['pmset', 'schedule', 'cancel', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
      ['pmset', 'schedule', 'wake', '12/05/26 09:29:00', 'Ridgeline'],
      ['pmset', 'schedule', 'cancel', 'wake', '12/05/26 09:29:00', 'Ridgeline'],
    ]);
  });

  it('runs pmset through sudo -n when sudo lets this user run it without a password', async () => {
    const fakes = fakePrograms(['pmset', 'sudo']);
    const wake = createOsWakeScheduler(host(fakes, { platform: 'darwin', uid: 501 }));
    expect((await wake.capability()).method).toBe('pmset, through sudo without a password');
    await wake.arm(at);
    expect(fakes.calls()).toEqual([
      ['sudo', '-n', '-l', 'pmset'],
      ['sudo', '-n', '-l', 'pmset'],
      ['sudo', '-n', 'pmset', 'schedule', 'wake', '12/05/26 08:29:00', 'Ridgeline'],
    ]);
  });

  it('says pmset needs administrator rights and how to allow it when sudo asks for a password', async () => {
    const fakes = fakePrograms(['pmset', 'sudo']);
    fakes.answer('sudo-l', { code: 1, stderr: 'sudo: a password is required' });
    const wake = createOsWakeScheduler(host(fakes, { platform: 'darwin', uid: 501 }));
    expect(await wake.capability()).toEqual({
      available: false,
      method: null,
      reason: 'pmset needs administrator rights to schedule a wake, and sudo asks for a password',
      remedy:
        'allow pmset without a password: run sudo visudo -f /etc/sudoers.d/ridgeline and add ' +
        '"ada ALL=(root) NOPASSWD: /usr/bin/pmset"',
    });
    await expect(wake.arm(at)).rejects.toThrow('pmset needs administrator rights');
    expect(fakes.calls().filter(([name]) => name === 'pmset')).toEqual([]);
  });

  it("rejects with pmset's own words when it fails", async () => {
    const fakes = fakePrograms(['pmset', 'sudo']);
    fakes.answer('pmset', { code: 1, stderr: 'Error: Scheduled event date is in the past\n' });
    const wake = createOsWakeScheduler(host(fakes, { platform: 'darwin', uid: 0 }));
    await expect(wake.arm(at)).rejects.toThrow(
      'pmset schedule wake "12/05/26 08:29:00" Ridgeline exited with 1: Error: Scheduled event date is in the past',
    );
  });
});

describe('the wake adapter on Windows', () => {
  it('registers the WakeToRun task when wake timers are on, and unregisters it on cancel', async () => {
    const fakes = fakePrograms(['powershell.exe', 'powercfg']);
    fakes.answer('powercfg', { stdout: '  Current AC Power Setting Index: 0x00000001\r\n' });
    const wake = createOsWakeScheduler(host(fakes, { platform: 'win32', uid: undefined }));
    expect((await wake.capability()).available).toBe(true);
    await wake.arm(at);
    await wake.cancel();
    const registered = fakes
      .calls()
      .filter(([name, , , , script]) => name === 'powershell.exe' && script?.includes('Scheduled'));
    expect(registered.map((c) => c[4]?.split(';').pop()?.trim().split(' ')[0])).toEqual([
      'Get-Command',
      'Get-Command',
      'Register-ScheduledTask',
      'Unregister-ScheduledTask',
    ]);
    expect(registered[2]?.[4]).toContain('FromUnixTimeSeconds(1796484540)');
  });

  it('says wake timers are off in the power plan and how to turn them on', async () => {
    const fakes = fakePrograms(['powershell.exe', 'powercfg']);
    fakes.answer('powercfg', { stdout: '  Current AC Power Setting Index: 0x00000000\r\n' });
    const capability = await createOsWakeScheduler(host(fakes, { platform: 'win32', uid: undefined })).capability();
    expect(capability.available).toBe(false);
    expect(capability.reason).toBe('wake timers are turned off in the active power plan');
    expect(capability.remedy).toContain('powercfg /setacvalueindex SCHEME_CURRENT SUB_SLEEP RTCWAKE 1');
  });
});
