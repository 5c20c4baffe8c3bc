// Which provider and model a call uses, where its API key comes from, and the AI SDK language model
// built for it. Keys come only from the SecretStore: no adapter ever falls back to reading the
// process environment on its own.
import type { LanguageModel } from 'ai';
import type { ProviderId, SettingsValues } from '../settings/schema';
import { ToolError } from '../tools/tool';

/** The model used when neither the step nor the settings name one (local servers have none). */
const DEFAULT_MODELS: Partial<Record<ProviderId, string>> = {
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-5-mini',
  groq: 'llama-3.3-70b-versatile',
};

/** Local servers usually run without a key; the cloud providers refuse every call without one. */
const KEY_OPTIONAL: ReadonlySet<ProviderId> = new Set<ProviderId>(['ollama', 'openai_compatible']);

export interface ProviderChoice {
  provider: ProviderId;
  model: string;
  baseUrl: string | undefined;
  /** The SecretStore name of the API key. */
  apiKeySecret: string;
}

/** The environment variable the hosts read a secret from when no keychain holds it. */
export function secretEnvName(secret: string): string {
  return `RIDGELINE_SECRET_${secret.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * The provider a step asked for (or the first one configured with a default model, else Anthropic)
 * and its model. A model that cannot be determined is a permanent error naming the setting to fill.
 */
export function chooseProvider(
  settings: SettingsValues,
  requested: { provider?: ProviderId | undefined; model?: string | undefined },
): ProviderChoice {
  const configured = Object.entries(settings.providers).find(([, value]) => value?.defaultModel)?.[0] as
    ProviderId | undefined;
  const provider = requested.provider ?? configured ?? 'anthropic';
  const own = settings.providers[provider] ?? {};
  const model = requested.model ?? own.defaultModel ?? DEFAULT_MODELS[provider];
  if (!model) {
    throw new ToolError(
      'permanent',
      `model: no model given for ${provider} and settings.providers.${provider}.defaultModel is not set`,
      { provider },
    );
  }
  if (provider === 'openai_compatible' && !own.baseUrl) {
    throw new ToolError(
      'permanent',
      'settings.providers.openai_compatible.baseUrl: required to reach an OpenAI-compatible server ' +
        '(for example http://127.0.0.1:1234/v1 for LM Studio)',
      { provider },
    );
  }
  return { provider, model, baseUrl: own.baseUrl, apiKeySecret: own.apiKeySecret ?? `${provider}_api_key` };
}

/** The API key of a choice from the SecretStore; a missing key of a cloud provider is permanent. */
export async function apiKeyFor(
  choice: ProviderChoice,
  secret: (name: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  const key = await secret(choice.apiKeySecret);
  if (key || KEY_OPTIONAL.has(choice.provider)) return key || undefined;
  throw new ToolError(
    'permanent',
    `No API key for ${choice.provider}: store the secret "${choice.apiKeySecret}" in Ridgeline's settings ` +
      `or set the environment variable ${secretEnvName(choice.apiKeySecret)}`,
    { provider: choice.provider, secret: choice.apiKeySecret, envVar: secretEnvName(choice.apiKeySecret) },
  );
}

/**
 * The AI SDK model for a choice. OpenAI models speak the Responses API (the SDK's default). Each
 * provider's package is loaded on its first call: together they hold about 20 MB, which a host
 * whose tasks call no model (or one provider) should not carry.
 */
export async function languageModel(choice: ProviderChoice, apiKey: string | undefined): Promise<LanguageModel> {
  const baseURL = choice.baseUrl?.replace(/\/+$/, '');
  const { provider, model } = choice;
  switch (provider) {
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey, ...(baseURL ? { baseURL } : {}) })(model);
    }
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      return createOpenAI({ apiKey, ...(baseURL ? { baseURL } : {}) })(model);
    }
    case 'groq': {
      const { createGroq } = await import('@ai-sdk/groq');
      return createGroq({ apiKey, ...(baseURL ? { baseURL } : {}) })(model);
    }
    case 'ollama': {
      const { createOllama } = await import('ollama-ai-provider-v2');
      return createOllama({
        ...(baseURL ? { baseURL } : {}),
        ...(apiKey ? { headers: { Authorization: `Bearer ${apiKey}` } } : {}),
      })(model);
    }
    case 'openai_compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: 'openai_compatible',
        baseURL: baseURL as string,
        ...(apiKey ? { apiKey } : {}),
        // Usage arrives only when the request asks for it; LM Studio and vLLM honour json_schema.
        includeUsage: true,
        supportsStructuredOutputs: true,
      })(model);
    }
    default: {
      const unknown: never = provider;
      throw new ToolError('permanent', `provider: unknown provider "${String(unknown)}"`);
    }
  }
}
