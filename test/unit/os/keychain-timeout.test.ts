// A keychain that never answers (a desktop keyring prompt nobody clicks) must not hold the API or
// the start of the runtime. A real hanging Secret Service cannot be staged here, so keytar is
// replaced by one whose calls never settle (the probe answers, as an unlocked-then-stuck keyring
// does); everything above it is the real code: the keychain adapter, the host store, the runtime
// on a SQLite file, and the API dispatcher.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/lib/logger';
import { Redactor } from '../../../src-main/core/lib/redact';
import { createRuntime } from '../../../src-main/core/runtime';
import { createKeychain, type KeytarApi } from '../../../src-main/os/secrets-keychain';
import { createHostSecretStore } from '../../../src-main/os/secrets-store';
import { appErrorOf } from '../../helpers/app-error';
import { FakeClock } from '../../helpers/fake-clock';
import { makeTempDir } from '../../helpers/temp-dir';
import { memorySettings } from '../../helpers/test-runtime';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** keytar whose probe answers and whose every other call hangs for ever. */
function hangingKeytar(): KeytarApi {
  let probed = false;
  return {
    getPassword: async () => {
      if (probed) return never<string | null>();
      probed = true;
      return null;
    },
    setPassword: () => never(),
    deletePassword: () => never(),
    findCredentials: () => never(),
  };
}

const hangingKeychain = (timeoutMs: number) => createKeychain({ load: async () => hangingKeytar(), timeoutMs });

describe('a keychain that never answers', () => {
  it.each([
    ['store the secret "github_token"', (k: ReturnType<typeof hangingKeychain>) => k.set('github_token', 'v')],
    ['delete the secret "github_token"', (k: ReturnType<typeof hangingKeychain>) => k.delete('github_token')],
    ['read the secret "github_token"', (k: ReturnType<typeof hangingKeychain>) => k.get('github_token')],
    ['list the stored secrets', (k: ReturnType<typeof hangingKeychain>) => k.names()],
  ])('fails a call to %s with timed_out after the deadline', async (operation, act) => {
    const keychain = hangingKeychain(80);
    await keychain.status();
    const startedAt = Date.now();
    const error = await appErrorOf(act(keychain));
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(error.code).toBe('timed_out');
    expect(error.message).toContain(`did not answer within 0.08 s when asked to ${operation}`);
  });

  it('lets the runtime start and answers secrets.set with a clear error instead of hanging', async () => {
    const clock = new FakeClock();
    const runtime = createRuntime({
      dataDir: makeTempDir(),
      clock,
      notifier: { notify: async () => undefined },
      secrets: createHostSecretStore(hangingKeychain(100), {}),
      settings: memorySettings(),
      logger: createLogger({ sinks: [], redactor: new Redactor(), now: () => clock.now() }),
      hostKind: 'test',
      version: '0.0.0-test',
    });
    await runtime.start();
    try {
      const error = await appErrorOf(runtime.api.call('secrets.set', { name: 'github_token', value: 'ghp_value123' }));
      expect(error.code).toBe('timed_out');
      expect(error.message).toContain('when asked to store the secret "github_token"');
    } finally {
      await runtime.stop();
    }
  });
});
