// A ToolContext for model calls: the settings point a provider at a loopback server, the key is in
// the secrets, and the usage meter records entries (or is the real one, when a test passes it).
import { afterEach } from 'vitest';
import { defaultSettings, type ProviderId, type SettingsValues } from '../../../../src-main/core/settings/schema';
import type { UsageMeter } from '../../../../src-main/core/tools/tool';
import { startLlmServer, type LlmServer, type ScriptedReply, type WireFormat } from '../../../helpers/llm-servers';
import { testContext } from '../tools/tool-context';

const servers: LlmServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server closed after the test. */
export async function server(format: WireFormat, replies: ScriptedReply[] = []): Promise<LlmServer> {
  const started = await startLlmServer(format, replies);
  servers.push(started);
  return started;
}

export const formatOf: Record<ProviderId, WireFormat> = {
  anthropic: 'anthropic',
  openai: 'openai-responses',
  groq: 'groq',
  ollama: 'ollama',
  openai_compatible: 'chat-completions',
};

export function providerSettings(provider: ProviderId, baseUrl: string, model = 'test-model'): SettingsValues {
  return { ...defaultSettings(), providers: { [provider]: { baseUrl, defaultModel: model } } };
}

export function llmContext(
  options: {
    settings?: SettingsValues;
    secrets?: Record<string, string>;
    signal?: AbortSignal;
    usage?: UsageMeter;
  } = {},
) {
  const made = testContext({
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const settings = options.settings ?? defaultSettings();
  made.context.services.settings = () => settings;
  if (options.usage) made.context.services.usage = options.usage;
  return made;
}
