// The secret store both hosts use: the OS keychain first, environment variables as the fallback.
// Storing needs the keychain; where there is none, the message says which variable to set instead.
import { AppError } from '../core/lib/errors';
import type { SecretStore } from '../core/ports';
import type { SecretCatalog, SecretSource } from '../core/settings/secret-names';
import type { Keychain } from './secrets-keychain';
import { createEnvSecretStore, envNameFor, envSecretValues } from './secrets-env';

export type HostSecretStore = SecretStore & SecretCatalog;

export function createHostSecretStore(keychain: Keychain, env: NodeJS.ProcessEnv = process.env): HostSecretStore {
  const fromEnv = createEnvSecretStore(env);

  async function keychainOrRefuse(name: string, action: string): Promise<void> {
    const status = await keychain.status();
    if (status.available) return;
    throw new AppError(
      'forbidden',
      `Cannot ${action} the secret "${name}": no OS keychain is available (${status.reason}; on Linux ` +
        `libsecret and a Secret Service such as gnome-keyring must be running). ` +
        `Set the environment variable ${envNameFor(name)} instead.`,
      { name, envVariable: envNameFor(name) },
    );
  }

  return {
    async get(name) {
      return (await keychain.get(name)) ?? (await fromEnv.get(name));
    },
    async set(name, value) {
      await keychainOrRefuse(name, 'store');
      await keychain.set(name, value);
    },
    async delete(name) {
      await keychainOrRefuse(name, 'delete');
      await keychain.delete(name);
    },
    async source(name): Promise<SecretSource> {
      if ((await keychain.get(name)) !== undefined) return 'keychain';
      return (await fromEnv.get(name)) !== undefined ? 'env' : 'missing';
    },
    storedNames: () => keychain.names(),
    async values() {
      return [...(await keychain.values()), ...envSecretValues(env)];
    },
  };
}
