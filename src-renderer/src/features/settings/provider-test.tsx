// Under each provider: whether its API key is found (keychain or environment) and a Test button that
// makes one tiny real call with the saved settings and shows the model's answer or the error.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { CallOutput } from '../../api/contract-types';

type ProviderTestResult = CallOutput<'settings.testProvider'>;
type SecretInfo = CallOutput<'secrets.list'>[number];

const keyWords: Record<SecretInfo['source'], string> = {
  keychain: 'Key found in the keychain',
  env: 'Key found in the environment',
  missing: 'No key found',
};

interface ProviderTestProps {
  provider: ProviderTestResult['provider'];
  /** The secret holding its key, as saved (the default name when none is set). */
  secretName: string;
  secrets: readonly SecretInfo[] | null;
  /** Local servers need no key, so a missing one is not a problem there. */
  keyOptional: boolean;
  /** Unsaved edits would not be what the test uses, so the button says so. */
  dirty: boolean;
}

export function ProviderTest({ provider, secretName, secrets, keyOptional, dirty }: ProviderTestProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProviderTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const source = secrets?.find((s) => s.name === secretName)?.source ?? 'missing';

  const test = async () => {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await api.call('settings.testProvider', { provider }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="provider-test" data-testid={`provider-test-${provider}`}>
      {secrets && (
        <span className={`provider-key provider-key-${source}`} data-testid={`provider-key-${provider}`}>
          {source === 'missing' && keyOptional ? 'No key (not needed for a local server)' : keyWords[source]}
          {source !== 'missing' || !keyOptional ? ` (${secretName})` : ''}
        </span>
      )}
      <button type="button" className="button" disabled={busy} onClick={() => void test()}>
        {busy ? 'Testing…' : 'Test'}
      </button>
      {dirty && <span className="muted">Save first: the test uses the saved settings.</span>}
      <span role="status" aria-live="polite" className="provider-test-result">
        {result?.ok && (
          <span className="provider-test-ok">
            {result.model} answered: “{result.answer}”
          </span>
        )}
        {result && !result.ok && <span className="field-error">{result.error}</span>}
        {failure && <span className="field-error">{failure}</span>}
      </span>
    </div>
  );
}
