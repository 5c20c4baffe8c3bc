// Secrets from environment variables (RIDGELINE_SECRET_<NAME>, or the provider's usual variable
// such as ANTHROPIC_API_KEY). Read-only: storing a secret needs the OS keychain.
import { AppError } from '../core/lib/errors';
import type { SecretStore } from '../core/ports';

export function envNameFor(name: string): string {
  return `RIDGELINE_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

// Variables whose names say they hold a credential: GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, OPENAI_API_KEY.
const CREDENTIAL_NAME =
  /(?:^|_)(?:API_?KEY|ACCESS_?KEY|SECRET(?:_ACCESS)?_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIALS?)$/i;

/** The values of every RIDGELINE_SECRET_* variable and of every variable named like a credential. */
export function envSecretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value && (name.startsWith('RIDGELINE_SECRET_') || CREDENTIAL_NAME.test(name)))
    .map(([, value]) => value as string);
}

export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const unsupported = (name: string): never => {
    throw new AppError(
      'forbidden',
      `Cannot store the secret "${name}": no OS keychain is available to this host. ` +
        `Set the environment variable ${envNameFor(name)} instead.`,
      { name },
    );
  };
  return {
    get: async (name) => env[envNameFor(name)] ?? env[name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')],
    set: async (name) => unsupported(name),
    delete: async (name) => unsupported(name),
    values: async () => envSecretValues(env),
  };
}
