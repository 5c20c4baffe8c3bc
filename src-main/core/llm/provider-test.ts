// The Settings page's Test button: one tiny real call to a provider as configured (its base URL,
// default model and key), answering with the model's words or the error, never throwing.
import type { Redactor } from '../lib/redact';
import type { ProviderId, SettingsValues } from '../settings/schema';
import { apiKeyFor, chooseProvider, languageModel } from './providers';

export interface ProviderTestResult {
  provider: ProviderId;
  ok: boolean;
  /** The model asked; null when the settings name none the call could use. */
  model: string | null;
  /** The model's answer (at most 200 characters) when ok. */
  answer: string | null;
  /** What went wrong, with any secret masked, when not ok. */
  error: string | null;
}

/** Long enough for a cold local model to load; a Test that hangs helps nobody. */
const TEST_TIMEOUT_MS = 30_000;
const PROMPT = 'Reply with the single word: ready';

export interface ProviderTestDeps {
  settings: SettingsValues;
  secret(name: string): Promise<string | undefined>;
  redactor: Redactor;
}

export async function testProvider(provider: ProviderId, deps: ProviderTestDeps): Promise<ProviderTestResult> {
  let model: string | null = null;
  try {
    const choice = chooseProvider(deps.settings, { provider });
    model = choice.model;
    const apiKey = await apiKeyFor(choice, deps.secret);
    const { generate } = await import('./generate');
    const result = await generate({
      model: await languageModel(choice, apiKey),
      label: `${provider} ${choice.model}`,
      prompt: PROMPT,
      maxOutputTokens: 16,
      maxRetries: 0,
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
    });
    const answer = deps.redactor.text(result.text.trim()).slice(0, 200);
    return { provider, ok: true, model, answer, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { provider, ok: false, model, answer: null, error: deps.redactor.text(message) };
  }
}
