// Which secrets Ridgeline knows it needs, derived from settings: each provider's API key and every
// secret an MCP server's environment is filled from. The values live only in the SecretStore.
import type { ProviderId, SettingsValues } from './schema';

/** Where a secret's value comes from, as far as the host can tell. */
export type SecretSource = 'keychain' | 'env' | 'missing';

export interface SecretInfo {
  name: string;
  source: SecretSource;
  /** What needs it, in words: "Anthropic provider", "MCP server github (GITHUB_TOKEN)". */
  usedBy?: string[];
}

/** What a host's secret store can tell beyond get/set/delete; the environment store cannot list. */
export interface SecretCatalog {
  source(name: string): Promise<SecretSource>;
  /** Names the keychain holds for Ridgeline, known to settings or not. */
  storedNames(): Promise<string[]>;
}

/** Letters, digits, `_`, `-` and `.`: each also reads as a RIDGELINE_SECRET_<NAME> variable. */
export const secretNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const providerLabels: Record<ProviderId, string> = {
  anthropic: 'Anthropic provider',
  openai: 'OpenAI provider',
  groq: 'Groq provider',
  ollama: 'Ollama provider',
  openai_compatible: 'OpenAI-compatible provider',
};

/** Providers that need an API key even when settings say nothing about them. */
const keyedProviders: readonly ProviderId[] = ['anthropic', 'openai', 'groq'];

export function providerKeyName(provider: ProviderId, settings: SettingsValues): string {
  return settings.providers[provider]?.apiKeySecret ?? `${provider}_api_key`;
}

/** Every secret name settings refer to, with what uses it, in a stable order. */
export function knownSecrets(settings: SettingsValues): Map<string, string[]> {
  const known = new Map<string, string[]>();
  const add = (name: string, user: string): void => {
    known.set(name, [...(known.get(name) ?? []), user]);
  };
  for (const provider of Object.keys(providerLabels) as ProviderId[]) {
    const configured = settings.providers[provider];
    if (keyedProviders.includes(provider) || configured?.apiKeySecret) {
      add(providerKeyName(provider, settings), providerLabels[provider]);
    }
  }
  for (const server of settings.mcpServers) {
    for (const [variable, secret] of Object.entries(server.secretEnv)) {
      add(secret, `MCP server ${server.name} (${variable})`);
    }
    for (const [header, secret] of Object.entries(server.secretHeaders)) {
      add(secret, `MCP server ${server.name} (header ${header})`);
    }
  }
  return known;
}

export function isSecretCatalog(store: object): store is SecretCatalog {
  const s = store as Partial<SecretCatalog>;
  return typeof s.source === 'function' && typeof s.storedNames === 'function';
}
