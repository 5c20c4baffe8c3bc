// On Linux the keychain is libsecret over the D-Bus session bus: with no bus to reach, the keychain
// reports itself unavailable without loading keytar (which would map libsecret, GLib and GIO).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeychain, missingSessionBus } from '../../../src-main/os/secrets-keychain';
import { makeTempDir } from '../../helpers/temp-dir';

describe('the session bus check before keytar loads', () => {
  it('finds a bus by its address, an X display, or the socket in XDG_RUNTIME_DIR', () => {
    const runtimeDir = makeTempDir();
    expect(missingSessionBus('linux', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBeUndefined();
    expect(missingSessionBus('linux', { DISPLAY: ':0' })).toBeUndefined();
    expect(missingSessionBus('linux', { XDG_RUNTIME_DIR: runtimeDir })).toMatch(/^no D-Bus session bus/);
    writeFileSync(join(runtimeDir, 'bus'), '');
    expect(missingSessionBus('linux', { XDG_RUNTIME_DIR: runtimeDir })).toBeUndefined();
  });

  it('never stands in the way on macOS and Windows, whose keychains need no bus', () => {
    expect(missingSessionBus('darwin', {})).toBeUndefined();
    expect(missingSessionBus('win32', {})).toBeUndefined();
    expect(missingSessionBus('freebsd', {})).toMatch(/DBUS_SESSION_BUS_ADDRESS is not set/);
  });

  it('reports the keychain unavailable without loading keytar when no bus can be reached', async () => {
    let loads = 0;
    const keychain = createKeychain({
      load: () => {
        loads++;
        return Promise.reject(new Error('keytar should not load'));
      },
      unreachable: () => missingSessionBus('linux', { XDG_RUNTIME_DIR: join(makeTempDir(), 'none') }),
    });
    expect(await keychain.status()).toEqual({
      available: false,
      reason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can be reached',
    });
    expect(await keychain.names()).toEqual([]);
    expect(await keychain.get('anthropic_api_key')).toBeUndefined();
    expect(loads).toBe(0);
  });
});
