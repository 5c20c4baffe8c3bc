// Secrets from environment variables (RIDGELINE_SECRET_<NAME>, or the provider's usual variable
// such as ANTHROPIC_API_KEY). Read-only: storing a secret needs the OS keychain.
import { AppError } from '../core/lib/errors';
import type { SecretStore } from '../core/ports';

export function envNameFor(name: string): string {
  return `RIDGELINE_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
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
  };
}
