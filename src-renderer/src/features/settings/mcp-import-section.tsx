// Bringing MCP servers in from the configs people already have: a pasted `mcpServers` object, or
// Claude Desktop's or Cursor's own file. The host previews what it would add, rename, refuse and
// move into the keychain; Apply makes it so. Token values never come back to the page.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { CallInput, CallOutput } from '../../api/contract-types';
import { Field } from '../../components/field';
import { RemoteServerForm } from './mcp-remote-form';
import './mcp-import.css';

type ImportInput = CallInput<'mcp.importConfig'>;
type ImportResult = CallOutput<'mcp.importConfig'>;
type Source = Omit<ImportInput, 'apply'>;

const pasteExample =
  '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…" } } } }';

export function McpImportSection({ servers }: { servers: CallOutput<'settings.get'>['mcpServers'] }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (from: Source, apply: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.call('mcp.importConfig', { ...from, apply });
      setResult(answer);
      setSource(apply ? null : from);
      if (apply) setText('');
    } catch (e) {
      setResult(null);
      setSource(null);
      setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="mcp-import-title">
      <h2 id="mcp-import-title">Add MCP servers</h2>
      <p className="muted">
        Bring in the servers you already use in Claude Desktop or Cursor, or paste their <code>mcpServers</code> config.
        Tokens in their environment or headers are moved into the keychain; settings keep only the secret&apos;s name.
      </p>
      <div className="settings-fields">
        <Field name="mcpImportText" label="Paste config" hint={`For example: ${pasteExample}`}>
          {(control) => (
            <textarea
              {...control}
              className="settings-code"
              rows={5}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div className="settings-actions mcp-import-actions">
          <button
            type="button"
            className="button"
            disabled={busy || text.trim() === ''}
            onClick={() => void ask({ text }, false)}
          >
            Preview pasted config
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void ask({ from: 'claude-desktop' }, false)}
          >
            Import from Claude Desktop
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void ask({ from: 'cursor' }, false)}>
            Import from Cursor
          </button>
        </div>
        {error && (
          <div className="form-error" role="alert" data-testid="mcp-import-error">
            {error.message}
            {error.issues.length > 0 && (
              <ul>
                {error.issues.map((issue) => (
                  <li key={issue.path}>
                    <code>{issue.path || '(the config)'}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {result && (
          <ImportPreview result={result} busy={busy} {...(source ? { onApply: () => void ask(source, true) } : {})} />
        )}
        <RemoteServerForm key={servers.length} servers={servers} />
      </div>
    </section>
  );
}

function ImportPreview({ result, busy, onApply }: { result: ImportResult; busy: boolean; onApply?: () => void }) {
  const nothing = result.added.length === 0;
  return (
    <div className="mcp-import-preview" data-testid="mcp-import-preview" aria-live="polite">
      <p>
        {result.applied
          ? `Added ${result.added.length} server${result.added.length === 1 ? '' : 's'} from ${result.source}.`
          : nothing
            ? `Nothing to add from ${result.source}.`
            : `From ${result.source}, this would add:`}
      </p>
      {result.added.length > 0 && (
        <ul className="mcp-import-list">
          {result.added.map((server) => (
            <li key={server.name}>
              <strong>{server.name}</strong>{' '}
              <span className="mcp-import-transport">{transportLabel(server.transport)}</span>{' '}
              <code>{server.url ?? [server.command, ...server.args].join(' ')}</code>
              {server.secrets.length > 0 && (
                <ul>
                  {server.secrets.map((secret) => (
                    <li key={secret.name}>
                      <code>{secret.path}</code> moves to the keychain as <code>{secret.name}</code>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {result.renamed.length > 0 && (
        <>
          <h3>Renamed</h3>
          <ul className="mcp-import-list">
            {result.renamed.map((r) => (
              <li key={r.from}>
                <code>{r.from}</code> → <code>{r.to}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.refused.length > 0 && (
        <>
          <h3>Not added</h3>
          <ul className="mcp-import-list mcp-import-refused">
            {result.refused.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code>: {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {onApply && !nothing && (
        <button type="button" className="button button-primary" disabled={busy} onClick={onApply}>
          Apply
        </button>
      )}
    </div>
  );
}

export function transportLabel(transport: ImportResult['added'][number]['transport']): string {
  if (transport === 'http') return 'Streamable HTTP';
  if (transport === 'sse') return 'HTTP+SSE (older)';
  return 'stdio';
}
