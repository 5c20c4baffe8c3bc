// MCP servers (edited as a JSON list) and the folders file steps may touch (one per line).
import { useState } from 'react';
import { Field } from '../../components/field';
import { SettingsSection } from './section';
import { useSaveSettings, type SettingsValues } from './use-settings';

const mcpExample =
  '[{ "name": "github", "command": "github-mcp-server", "args": ["stdio"], "secretEnv": { "GITHUB_TOKEN": "github_token" } }]';

export function McpServersSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const [text, setText] = useState(JSON.stringify(settings.mcpServers, null, 2));
  const [parseError, setParseError] = useState<string | undefined>();

  const save = () => {
    let servers: unknown;
    try {
      servers = JSON.parse(text);
    } catch (error) {
      setParseError(`is not valid JSON: ${(error as Error).message}`);
      return;
    }
    setParseError(undefined);
    void state.save({ mcpServers: servers as SettingsValues['mcpServers'] });
  };

  return (
    <SettingsSection
      id="mcp"
      title="MCP servers"
      description="Secrets named in secretEnv are filled in from the keychain or the environment when a server starts."
      state={state}
      fieldPaths={['mcpServers']}
      onSave={save}
    >
      <Field
        name="mcpServers"
        label="Servers (JSON list)"
        hint={`For example: ${mcpExample}`}
        error={parseError ?? state.errorFor('mcpServers')}
      >
        {(control) => (
          <textarea
            {...control}
            className="settings-code"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
    </SettingsSection>
  );
}

export function FileRootsSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const [text, setText] = useState(settings.fileRoots.join('\n'));
  const roots = () =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);

  return (
    <SettingsSection
      id="file-roots"
      title="File roots"
      description="Folders file steps may read and write, besides a project's own folder."
      state={state}
      fieldPaths={['fileRoots']}
      onSave={() => void state.save({ fileRoots: roots() })}
    >
      <Field name="fileRoots" label="Folders (one per line)" error={state.errorFor('fileRoots')}>
        {(control) => (
          <textarea
            {...control}
            className="settings-code"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
    </SettingsSection>
  );
}
