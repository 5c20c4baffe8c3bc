// Provider keys and MCP server secrets: where each comes from, and a way to store or remove it in
// the OS keychain. Values are typed into password boxes and never shown or sent back.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { CallOutput } from '../../api/contract-types';

type SecretInfo = CallOutput<'secrets.list'>[number];

const sourceLabels: Record<SecretInfo['source'], string> = {
  keychain: 'stored in keychain',
  env: 'from environment',
  missing: 'missing',
};

function useSecretList(): { secrets: SecretInfo[] | null; error: ApiError | null; reload(): void } {
  const api = useApi();
  const [secrets, setSecrets] = useState<SecretInfo[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(() => {
    api.call('secrets.list', {}).then(
      (list) => {
        setSecrets(list);
        setError(null);
      },
      (e: ApiError) => setError(e),
    );
  }, [api]);
  useEffect(() => {
    reload();
    // Settings name the secrets providers and MCP servers need: a change may add or drop some.
    return api.listen({
      onMessage: (message) => message.event === 'settings:updated' && reload(),
      onStatus: () => undefined,
    });
  }, [api, reload]);
  return { secrets, error, reload };
}

function SecretRow({ secret, onChanged }: { secret: SecretInfo; onChanged(): void }) {
  const api = useApi();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setValue('');
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const store = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.call('secrets.set', { name: secret.name, value }));
  };

  return (
    <li className="secret-row" data-testid={`secret-${secret.name}`}>
      <div className="secret-name">
        <code>{secret.name}</code>
        <span className={`secret-source secret-source-${secret.source}`}>{sourceLabels[secret.source]}</span>
        {secret.usedBy && <span className="muted">{secret.usedBy.join(', ')}</span>}
      </div>
      <form className="secret-form" onSubmit={store}>
        <input
          type="password"
          autoComplete="off"
          aria-label={`Value for ${secret.name}`}
          placeholder={secret.source === 'missing' ? 'Paste the value' : 'Replace the value'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy || value === ''}>
          Store
        </button>
        {secret.source === 'keychain' && (
          <button
            type="button"
            className="button button-danger-quiet"
            disabled={busy}
            onClick={() => void run(() => api.call('secrets.delete', { name: secret.name }))}
          >
            Remove
          </button>
        )}
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function AddSecret({ onAdded }: { onAdded(): void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.call('secrets.set', { name: name.trim(), value });
      setName('');
      setValue('');
      onAdded();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <form className="secret-form secret-add" onSubmit={(e) => void add(e)}>
      <input
        aria-label="New secret name"
        placeholder="name, e.g. github_token"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        type="password"
        autoComplete="off"
        aria-label="New secret value"
        placeholder="value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button" disabled={name.trim() === '' || value === ''}>
        Add secret
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function SecretsSection() {
  const { secrets, error, reload } = useSecretList();
  return (
    <section className="settings-section" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets</h2>
      <p className="muted">
        Kept in the OS keychain, never in settings, the database or logs. Without a keychain, set
        RIDGELINE_SECRET_&lt;NAME&gt; in Ridgeline&apos;s environment instead.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {secrets && (
        <ul className="secret-list">
          {secrets.map((secret) => (
            <SecretRow key={secret.name} secret={secret} onChanged={reload} />
          ))}
        </ul>
      )}
      <AddSecret onAdded={reload} />
    </section>
  );
}
