// Per LLM provider: the endpoint, the model a step gets when it names none, and the name of the
// secret that holds its API key (the key itself is set under Secrets).
import { useState } from 'react';
import { useCall } from '../../api/use-call';
import { Field } from '../../components/field';
import { ProviderTest } from './provider-test';
import { SettingsSection } from './section';
import { useSaveSettings, type SettingsValues } from './use-settings';

type Providers = SettingsValues['providers'];
type ProviderId = keyof Providers;
type ProviderDraft = { baseUrl: string; defaultModel: string; apiKeySecret: string };

const providerNames: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  groq: 'Groq',
  ollama: 'Ollama',
  openai_compatible: 'OpenAI-compatible server',
};
const providerIds = Object.keys(providerNames) as ProviderId[];
const keyOptional: ReadonlySet<ProviderId> = new Set<ProviderId>(['ollama', 'openai_compatible']);

function draftsOf(providers: Providers): Record<ProviderId, ProviderDraft> {
  return Object.fromEntries(
    providerIds.map((id) => [
      id,
      {
        baseUrl: providers[id]?.baseUrl ?? '',
        defaultModel: providers[id]?.defaultModel ?? '',
        apiKeySecret: providers[id]?.apiKeySecret ?? '',
      },
    ]),
  ) as Record<ProviderId, ProviderDraft>;
}

/** Blank boxes are left out, so the provider's own defaults apply. */
function providersOf(drafts: Record<ProviderId, ProviderDraft>): Providers {
  const out: Providers = {};
  for (const id of providerIds) {
    const entry = Object.fromEntries(
      Object.entries(drafts[id])
        .filter(([, value]) => value.trim() !== '')
        .map(([key, value]) => [key, value.trim()]),
    );
    if (Object.keys(entry).length > 0) out[id] = entry;
  }
  return out;
}

export function ProvidersSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const [drafts, setDrafts] = useState(() => draftsOf(settings.providers));
  const secrets = useCall('secrets.list', {});
  const saved = draftsOf(settings.providers);
  const edit = (id: ProviderId, key: keyof ProviderDraft, value: string) =>
    setDrafts({ ...drafts, [id]: { ...drafts[id], [key]: value } });

  return (
    <SettingsSection
      id="providers"
      title="Providers"
      description="Leave a box empty to use the provider's default."
      state={state}
      fieldPaths={['providers']}
      onSave={() => void state.save({ providers: providersOf(drafts) })}
    >
      {providerIds.map((id) => (
        <fieldset key={id} className="settings-provider">
          <legend>{providerNames[id]}</legend>
          <div className="settings-row">
            <Field name={`providers.${id}.baseUrl`} label="Base URL" error={state.errorFor(`providers.${id}.baseUrl`)}>
              {(control) => (
                <input {...control} value={drafts[id].baseUrl} onChange={(e) => edit(id, 'baseUrl', e.target.value)} />
              )}
            </Field>
            <Field
              name={`providers.${id}.defaultModel`}
              label="Default model"
              error={state.errorFor(`providers.${id}.defaultModel`)}
            >
              {(control) => (
                <input
                  {...control}
                  value={drafts[id].defaultModel}
                  onChange={(e) => edit(id, 'defaultModel', e.target.value)}
                />
              )}
            </Field>
            <Field
              name={`providers.${id}.apiKeySecret`}
              label="API key secret"
              hint={`Default: ${id}_api_key`}
              error={state.errorFor(`providers.${id}.apiKeySecret`)}
            >
              {(control) => (
                <input
                  {...control}
                  value={drafts[id].apiKeySecret}
                  onChange={(e) => edit(id, 'apiKeySecret', e.target.value)}
                />
              )}
            </Field>
          </div>
          <ProviderTest
            provider={id}
            secretName={saved[id].apiKeySecret || `${id}_api_key`}
            secrets={secrets.status === 'done' ? secrets.value : null}
            keyOptional={keyOptional.has(id)}
            dirty={JSON.stringify(drafts[id]) !== JSON.stringify(saved[id])}
          />
        </fieldset>
      ))}
    </SettingsSection>
  );
}
