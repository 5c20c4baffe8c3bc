// Adds a remote MCP server by hand: its URL, its transport, and the headers it needs, each filled
// from a secret by name (the value is stored in the Secrets section, never here). The section
// keys this form on the number of servers, so a saved server leaves an empty form behind.
import { useState, type FormEvent } from 'react';
import type { CallOutput } from '../../api/contract-types';
import { Field } from '../../components/field';
import { useSaveSettings } from './use-settings';

type Servers = CallOutput<'settings.get'>['mcpServers'];

/** `Header: secret_name` lines; a line that is not such a pair is reported with its number. */
function parseHeaderLines(text: string): { headers: Record<string, string>; problem?: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^([A-Za-z0-9-]+)\s*:\s*([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(line);
    if (!match) return { headers, problem: `line ${i + 1} is not "Header: secret_name"` };
    headers[match[1]!] = match[2]!;
  }
  return { headers };
}

export function RemoteServerForm({ servers }: { servers: Servers }) {
  const state = useSaveSettings();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [transport, setTransport] = useState<'http' | 'sse'>('http');
  const [headerText, setHeaderText] = useState('');
  const [headerProblem, setHeaderProblem] = useState<string | undefined>();
  const index = servers.length;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const { headers, problem } = parseHeaderLines(headerText);
    setHeaderProblem(problem);
    if (problem) return;
    void state.save({ mcpServers: [...servers, { name, transport, url, secretHeaders: headers }] });
  };

  return (
    <form className="mcp-remote-form" noValidate onSubmit={add} data-testid="mcp-remote-form">
      <h3>Add a remote server</h3>
      <div className="settings-row">
        <Field name="mcpRemoteName" label="Name" error={state.errorFor(`mcpServers[${index}].name`)}>
          {(control) => (
            <input {...control} value={name} placeholder="linear" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field name="mcpRemoteUrl" label="URL" error={state.errorFor(`mcpServers[${index}].url`)}>
          {(control) => (
            <input
              {...control}
              type="url"
              value={url}
              placeholder="https://mcp.example.com/mcp"
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <Field name="mcpRemoteTransport" label="Transport">
          {(control) => (
            <select {...control} value={transport} onChange={(e) => setTransport(e.target.value as 'http' | 'sse')}>
              <option value="http">Streamable HTTP</option>
              <option value="sse">HTTP+SSE (older servers)</option>
            </select>
          )}
        </Field>
      </div>
      <Field
        name="mcpRemoteHeaders"
        label="Headers from secrets"
        hint="One per line: Authorization: linear_token. Store each secret's value under Secrets."
        error={headerProblem ?? state.errorFor(`mcpServers[${index}].secretHeaders`)}
      >
        {(control) => (
          <textarea
            {...control}
            className="settings-code"
            rows={2}
            spellCheck={false}
            value={headerText}
            onChange={(e) => setHeaderText(e.target.value)}
          />
        )}
      </Field>
      <div className="settings-actions">
        <button type="submit" className="button" disabled={state.saving || name === '' || url === ''}>
          Add server
        </button>
        {state.error && !state.error.issues.some((i) => i.path.startsWith(`mcpServers[${index}]`)) && (
          <p className="form-error" role="alert">
            {state.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
