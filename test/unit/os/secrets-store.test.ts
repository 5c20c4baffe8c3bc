import { describe, expect, it } from 'vitest';
import { createKeychain } from '../../../src-main/os/secrets-keychain';
import { createHostSecretStore } from '../../../src-main/os/secrets-store';
import { appErrorOf } from '../../helpers/app-error';

// keytar here is compiled and loads; a machine where its native module does not load is imitated
// by a loader that fails the way `import('keytar')` does there. The real keychain is exercised by
// test/integration/keychain.test.ts.
const missingKeytar = () =>
  createKeychain({
    load: () => Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'")),
  });

describe('secrets without a keychain', () => {
  it('reports the keychain unavailable with the reason instead of failing', async () => {
    expect(await missingKeytar().status()).toEqual({
      available: false,
      reason: "the keytar module could not be loaded (Cannot find module '../build/Release/keytar.node')",
    });
    expect(await missingKeytar().names()).toEqual([]);
  });

  it('reads environment variables as the fallback and says where each value comes from', async () => {
    const store = createHostSecretStore(missingKeytar(), {
      RIDGELINE_SECRET_ANTHROPIC_API_KEY: 'sk-ant-from-env',
      GROQ_API_KEY: 'gsk-from-env',
    });
    expect(await store.get('anthropic_api_key')).toBe('sk-ant-from-env');
    expect(await store.get('groq_api_key')).toBe('gsk-from-env');
    expect(await store.source('anthropic_api_key')).toBe('env');
    expect(await store.source('openai_api_key')).toBe('missing');
    expect(await store.get('openai_api_key')).toBeUndefined();
  });

  it('refuses to store or delete, naming the reason and the variable to set instead', async () => {
    const store = createHostSecretStore(missingKeytar(), {});
    const error = await appErrorOf(store.set('anthropic_api_key', 'sk-ant-secret-value'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(
      /^Cannot store the secret "anthropic_api_key": no OS keychain is available \(the keytar module could not be loaded/,
    );
    expect(error.message).toMatch(/Set the environment variable RIDGELINE_SECRET_ANTHROPIC_API_KEY instead\.$/);
    expect(error.message).not.toContain('sk-ant-secret-value');
    expect(JSON.stringify(error.details)).not.toContain('sk-ant-secret-value');
    expect((await appErrorOf(store.delete('github_token'))).message).toMatch(
      /Cannot delete the secret "github_token".*RIDGELINE_SECRET_GITHUB_TOKEN/,
    );
  });
});
