// The WakeScheduler of both hosts: sets the one wake Ridgeline keeps with whatever the probe found
// this user may use, and removes it again.
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { WakeScheduler } from '../../core/ports';
import { runOrThrow } from './run-command';
import { probeWake, type WakeHost, type WakeMethod } from './wake-capability';
import {
  pmsetCancelWake,
  pmsetWake,
  rtcwakeCancel,
  rtcwakeWake,
  wakealarmWrites,
  windowsCancelWake,
  windowsWake,
} from './wake-commands';

export const DEFAULT_WAKEALARM = '/sys/class/rtc/rtc0/wakealarm';

export function thisMachine(): WakeHost {
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    userName: userInfo().username,
    env: process.env,
    wakealarmPath: process.env.RIDGELINE_WAKEALARM ?? DEFAULT_WAKEALARM,
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

export function createOsWakeScheduler(host: WakeHost = thisMachine()): WakeScheduler {
  /** The wake set last, which pmset needs again to cancel it. */
  let armed: { at: number; method: WakeMethod } | undefined;

  async function methodOrThrow(): Promise<WakeMethod> {
    const probe = await probeWake(host);
    if (!probe.method) throw new Error(`${probe.capability.reason ?? 'a wake cannot be set here'}`);
    return probe.method;
  }

  async function set(at: number, method: WakeMethod): Promise<void> {
    switch (method.kind) {
      case 'wakealarm':
        for (const value of wakealarmWrites(at)) await writeFile(host.wakealarmPath, value);
        return;
      case 'rtcwake':
        return runOrThrow(rtcwakeWake(at, method.sudo), host.env);
      case 'pmset':
        return runOrThrow(pmsetWake(at, { timeZone: host.timeZone(), sudo: method.sudo }), host.env);
      case 'windows-task':
        return runOrThrow(windowsWake(at), host.env);
      default: {
        const never: never = method;
        throw new Error(`unknown wake method ${String(never)}`);
      }
    }
  }

  async function remove(previous: { at: number; method: WakeMethod }): Promise<void> {
    const { at, method } = previous;
    switch (method.kind) {
      case 'wakealarm':
        return writeFile(host.wakealarmPath, '0');
      case 'rtcwake':
        return runOrThrow(rtcwakeCancel(method.sudo), host.env);
      case 'pmset':
        return runOrThrow(pmsetCancelWake(at, { timeZone: host.timeZone(), sudo: method.sudo }), host.env);
      case 'windows-task':
        return runOrThrow(windowsCancelWake(), host.env);
      default: {
        const never: never = method;
        throw new Error(`unknown wake method ${String(never)}`);
      }
    }
  }

  return {
    capability: async () => (await probeWake(host)).capability,
    async arm(at) {
      const method = await methodOrThrow();
      // pmset keeps every wake it is given, so the one set before goes first. The RTC holds one
      // alarm and the Windows task is replaced, so those need no removal.
      if (armed?.method.kind === 'pmset') await remove(armed);
      await set(at, method);
      armed = { at, method };
    },
    async cancel() {
      if (!armed) return;
      await remove(armed);
      armed = undefined;
    },
  };
}
