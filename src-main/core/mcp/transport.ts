// How a connection reaches its server: a local process over stdio (a scrubbed environment plus the
// server's env and secrets), or a remote server over Streamable HTTP or the older HTTP+SSE
// transport, with its headers and the ones filled from secrets. Secret values are masked before
// any request is made.
import { stat } from 'node:fs/promises';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Redactor } from '../lib/redact';
import type { SecretStore } from '../ports';
import { childEnvironment } from '../tools/shell';
import { ToolError } from '../tools/tool';
import type { McpServerConfig } from './types';

export interface TransportDeps {
  secrets: SecretStore;
  redactor: Redactor;
}

export interface OpenedTransport {
  transport: Transport;
  /** The local process's id; null for a remote server. */
  pid(): number | null;
}

export function isRemote(config: McpServerConfig): boolean {
  return config.transport !== 'stdio';
}

export async function openTransport(
  config: McpServerConfig,
  deps: TransportDeps,
  onStderr: (chunk: Buffer) => void,
): Promise<OpenedTransport> {
  // Each transport's module loads with the first server that uses it: most hosts never start one.
  if (isRemote(config)) {
    const url = new URL(config.url ?? '');
    const requestInit = { headers: await remoteHeaders(config, deps) };
    if (config.transport === 'sse') {
      const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
      return { transport: new SSEClientTransport(url, { requestInit }), pid: () => null };
    }
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return { transport: new StreamableHTTPClientTransport(url, { requestInit }), pid: () => null };
  }
  const env = await fromSecrets(config.secretEnv, deps, 'variable');
  if (config.cwd !== undefined) await requireDirectory(config.cwd);
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const transport = new StdioClientTransport({
    command: config.command ?? '',
    args: config.args,
    // The scrubbed host variables (as shell.exec gets them), the server's env, and its secrets. The
    // SDK's transport adds its own short list of login variables (HOME, LOGNAME, PATH, SHELL, TERM, USER).
    env: childEnvironment({ ...config.env, ...env }),
    ...(config.cwd !== undefined ? { cwd: config.cwd } : {}),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', onStderr);
  return { transport, pid: () => transport.pid };
}

async function remoteHeaders(config: McpServerConfig, deps: TransportDeps): Promise<Record<string, string>> {
  return { ...config.headers, ...(await fromSecrets(config.secretHeaders, deps, 'header')) };
}

/** Reads each named secret (masking its value from then on); a missing one fails the start, naming it. */
async function fromSecrets(
  names: Record<string, string>,
  deps: TransportDeps,
  what: 'variable' | 'header',
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [key, secretName] of Object.entries(names)) {
    const value = await deps.secrets.get(secretName);
    if (!value) {
      throw new ToolError(
        'permanent',
        `the secret "${secretName}" (for ${what === 'variable' ? key : `the header ${key}`}) is not set; store it in the keychain or set RIDGELINE_SECRET_* for it`,
        { secret: secretName, [what]: key },
      );
    }
    deps.redactor.addSecret(value);
    values[key] = value;
  }
  return values;
}

async function requireDirectory(cwd: string): Promise<void> {
  // spawn reports a missing cwd as ENOENT, which would read as "command not found".
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw new ToolError('permanent', `its working directory does not exist: ${cwd}`);
}
