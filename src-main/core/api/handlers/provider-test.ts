// settings.testProvider: one small real call through a configured provider (see llm/provider-test).
import { testProvider, type ProviderTestResult } from '../../llm/provider-test';
import type { ParsedInput } from '../contract';
import type { SecretHandlerDeps } from './secrets';

export function createProviderTestHandlers(deps: SecretHandlerDeps) {
  return {
    'settings.testProvider': async ({ provider }: ParsedInput<'settings.testProvider'>): Promise<ProviderTestResult> =>
      testProvider(provider, {
        settings: deps.settings.get(),
        secret: (name) => deps.secrets.get(name),
        redactor: deps.redactor,
      }),
  };
}
