// Every secret Ridgeline can know of is masked from the first byte a step prints, not from the
// first time a step asks for it: at start, and again whenever secrets or settings change.
import type { Redactor } from './lib/redact';
import type { SecretStore, Settings } from './ports';
import { isSecretCatalog, knownSecrets } from './settings/secret-names';

export interface SecretValueDeps {
  settings: Settings;
  secrets: SecretStore;
  redactor: Redactor;
}

/**
 * Registers with the redactor the value of every secret settings name or the keychain holds, and
 * every value the store can list (credential-like environment variables). Never throws: it returns
 * what could not be read (a keychain that timed out), for the caller to report.
 */
export async function maskKnownSecrets(deps: SecretValueDeps): Promise<string[]> {
  const { secrets, redactor } = deps;
  const problems: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  const names = new Set(knownSecrets(deps.settings.get()).keys());
  if (isSecretCatalog(secrets)) {
    for (const name of (await attempt('stored names', () => secrets.storedNames())) ?? []) names.add(name);
  }
  const values = await Promise.all([
    ...[...names].map((name) => attempt(`secret "${name}"`, () => secrets.get(name))),
    attempt('listed secrets', async () => (secrets.values ? secrets.values() : [])),
  ]);
  for (const value of values.flat()) if (value) redactor.addSecret(value);
  return problems;
}
