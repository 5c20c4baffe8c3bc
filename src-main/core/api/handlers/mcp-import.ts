// mcp.importConfig: reads an `mcpServers` config (pasted, the named client's file, or a path),
// reports what it would add, rename and refuse, and with `apply` stores the credentials it found
// as secrets and adds the servers to the settings. A value moved to the keychain is masked from
// the moment it is read and appears in no answer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../lib/errors';
import type { Redactor } from '../../lib/redact';
import { planImport } from '../../mcp/import-config';
import type { McpServerConfig } from '../../mcp/types';
import type { SecretStore, Settings } from '../../ports';
import type { ParsedInput } from '../contract';
import type { McpConfigClient, McpImportResult } from '../mcp-import-io';

/** Where the user's client config files are; the host knows, the runtime does not read its own environment. */
export interface ClientConfigDirs {
  home: string;
  /** %APPDATA% on Windows. */
  appData?: string;
}

export interface McpImportDeps {
  settings: Settings;
  secrets: SecretStore;
  redactor: Redactor;
  /** Saves the whole server list through settings.update, so the change is validated and pushed. */
  saveServers(servers: McpServerConfig[]): Promise<unknown>;
  clientConfigDirs?: ClientConfigDirs;
}

/** The files each client reads, in the order they are tried (Linux, macOS, Windows). */
export function clientConfigPaths(client: McpConfigClient, dirs: ClientConfigDirs): string[] {
  if (client === 'cursor') return [join(dirs.home, '.cursor', 'mcp.json')];
  const file = 'claude_desktop_config.json';
  return [
    join(dirs.home, '.config', 'Claude', file),
    join(dirs.home, 'Library', 'Application Support', 'Claude', file),
    ...(dirs.appData ? [join(dirs.appData, 'Claude', file)] : []),
  ];
}

export function createMcpImportHandlers(deps: McpImportDeps) {
  async function readSource(input: ParsedInput<'mcp.importConfig'>): Promise<{ text: string; source: string }> {
    if (input.text !== undefined) return { text: input.text, source: 'pasted text' };
    if (input.path !== undefined) return { text: await readConfig(input.path, 'path'), source: input.path };
    const client = input.from!;
    if (!deps.clientConfigDirs) {
      throw new AppError(
        'not_found',
        `This host does not know your home folder; give the config file's path instead.`,
        {
          from: client,
        },
      );
    }
    const tried = clientConfigPaths(client, deps.clientConfigDirs);
    for (const path of tried) {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined) return { text, source: path };
    }
    throw new AppError(
      'not_found',
      `No ${clientLabel(client)} config file was found; looked for ${tried.join(', ')}.`,
      {
        from: client,
        tried,
      },
    );
  }

  async function storeSecrets(secrets: { name: string; value: string }[]): Promise<void> {
    const stored: string[] = [];
    try {
      for (const { name, value } of secrets) {
        await deps.secrets.set(name, value);
        stored.push(name);
      }
    } catch (error) {
      // All or nothing: a server must not be saved pointing at secrets that are only half there.
      for (const name of stored) await deps.secrets.delete(name).catch(() => undefined);
      throw error;
    }
  }

  return {
    'mcp.importConfig': async (input: ParsedInput<'mcp.importConfig'>): Promise<McpImportResult> => {
      const { text, source } = await readSource(input);
      const existing = deps.settings.get().mcpServers;
      const plan = planImport(text, existing);
      for (const { value } of plan.secrets) deps.redactor.addSecret(value);
      const apply = input.apply && plan.servers.length > 0;
      if (apply) {
        await storeSecrets(plan.secrets);
        await deps.saveServers([...existing, ...plan.servers]);
      }
      return { applied: apply, source, ...plan.report };
    },
  };
}

async function readConfig(path: string, field: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new AppError('not_found', `The MCP config file ${path} cannot be read: ${why}.`, {
      issues: [{ path: field, message: why }],
    });
  }
}

function clientLabel(client: McpConfigClient): string {
  return client === 'cursor' ? 'Cursor' : 'Claude Desktop';
}
