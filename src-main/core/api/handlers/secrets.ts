// secrets.list, secrets.set and secrets.delete. A value goes in and never comes back out: answers
// carry names and sources only, and a stored value is masked in every log line from then on.
import type { Redactor } from '../../lib/redact';
import type { SecretStore, Settings } from '../../ports';
import { isSecretCatalog, knownSecrets, type SecretInfo, type SecretSource } from '../../settings/secret-names';
import type { ParsedInput } from '../contract';

export interface SecretHandlerDeps {
  settings: Settings;
  secrets: SecretStore;
  redactor: Redactor;
}

export function createSecretHandlers(deps: SecretHandlerDeps) {
  const { secrets } = deps;

  async function sourceOf(name: string): Promise<SecretSource> {
    if (isSecretCatalog(secrets)) return secrets.source(name);
    // A plain store (the environment one) can only read.
    return (await secrets.get(name)) !== undefined ? 'env' : 'missing';
  }

  async function describe(name: string, usedBy: string[] | undefined): Promise<SecretInfo> {
    return { name, source: await sourceOf(name), ...(usedBy ? { usedBy } : {}) };
  }

  async function infoFor(name: string): Promise<SecretInfo> {
    return describe(name, knownSecrets(deps.settings.get()).get(name));
  }

  return {
    'secrets.list': async (): Promise<SecretInfo[]> => {
      const known = knownSecrets(deps.settings.get());
      const stored = isSecretCatalog(secrets) ? await secrets.storedNames() : [];
      const extra = stored.filter((name) => !known.has(name)).sort();
      return Promise.all([
        ...[...known].map(([name, usedBy]) => describe(name, usedBy)),
        ...extra.map((name) => describe(name, undefined)),
      ]);
    },
    'secrets.set': async ({ name, value }: ParsedInput<'secrets.set'>): Promise<SecretInfo> => {
      deps.redactor.addSecret(value);
      await secrets.set(name, value);
      return infoFor(name);
    },
    'secrets.delete': async ({ name }: ParsedInput<'secrets.delete'>): Promise<SecretInfo> => {
      await secrets.delete(name);
      // The environment's value, if there is one, is what the name reads as now. Only this name is
      // read again: listing the whole keychain right after a delete has crashed libsecret's client.
      const current = await secrets.get(name);
      if (current) deps.redactor.addSecret(current);
      return infoFor(name);
    },
  };
}
