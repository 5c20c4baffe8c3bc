// One configured MCP server: its process (started through the SDK's stdio transport with a scrubbed
// environment) or its remote endpoint (transport.ts), its client session and its listed tools. Started on first use by every caller at
// once, refreshed when the server says its tool list changed, and marked closed when the process
// exits so that the manager starts a new one on the next use.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool as ListedTool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../lib/logger';
import type { Redactor } from '../lib/redact';
import type { SecretStore } from '../ports';
import { ToolError } from '../tools/tool';
import { StderrTail } from './stderr-tail';
import { isRemote, openTransport } from './transport';
import type { McpServerConfig } from './types';

export type { ListedTool };

const START_TIMEOUT_MS = 30_000;
const LIST_TIMEOUT_MS = 30_000;

/**
 * The MCP SDK's client and protocol schemas (about 6 MB of heap) load when a server first starts:
 * most hosts never start one.
 */
async function loadSdk() {
  const [{ Client }, { ErrorCode, McpError }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return { Client, ErrorCode, McpError };
}

type Sdk = Awaited<ReturnType<typeof loadSdk>>;
/**
 * A call is bounded by its step's and run's timeouts, which abort it through its signal; this only
 * keeps the SDK's 60 s default from cutting long tools short.
 */
const CALL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export type ConnectionState = 'new' | 'starting' | 'connected' | 'failed' | 'exited' | 'closed';

export interface ConnectionDeps {
  secrets: SecretStore;
  redactor: Redactor;
  logger: Logger;
  clientVersion: string;
}

export interface McpConnection {
  readonly config: McpServerConfig;
  /** The settings this connection was started from; changed settings need a new connection. */
  readonly fingerprint: string;
  state(): ConnectionState;
  /** Why the start failed, or that the process exited; redacted. */
  problem(): string | undefined;
  /** Starts the server and lists its tools; callers arriving during the start share it. */
  open(): Promise<readonly ListedTool[]>;
  /** Lists the tools again (the server may have changed them). */
  refresh(): Promise<readonly ListedTool[]>;
  /** The tools as last listed, while connected. */
  tools(): readonly ListedTool[] | undefined;
  call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult>;
  /** The last lines the server wrote to stderr, redacted. */
  stderrTail(): string;
  pid(): number | null;
  /** Ends the session and the process (stdin closed, then SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

export function serverFingerprint(config: McpServerConfig): string {
  return JSON.stringify(config);
}

/** The command line, or a remote server's URL, as it is named in messages. */
export function commandLine(config: McpServerConfig): string {
  if (isRemote(config)) return config.url ?? '';
  return [config.command ?? '', ...config.args].join(' ');
}

export function createConnection(config: McpServerConfig, deps: ConnectionDeps): McpConnection {
  const log = deps.logger.child({ mcpServer: config.name });
  const stderr = new StderrTail((line) => log.info('MCP server stderr', { line }), deps.redactor);
  let state: ConnectionState = 'new';
  let problem: string | undefined;
  let client: Client | undefined;
  let transport: Transport | undefined;
  let pid: number | null = null;
  let listed: readonly ListedTool[] | undefined;
  let opening: Promise<readonly ListedTool[]> | undefined;

  const tail = (): string => deps.redactor.text(stderr.text());

  async function listAll(session: Client): Promise<readonly ListedTool[]> {
    const all: ListedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await session.listTools(cursor ? { cursor } : undefined, { timeout: LIST_TIMEOUT_MS });
      all.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  function onToolsChanged(): void {
    if (!client || state !== 'connected') return;
    listAll(client).then(
      (tools) => {
        listed = tools;
        log.info('MCP server changed its tools', { tools: tools.map((t) => t.name) });
      },
      (error: unknown) => log.warn('Could not list the changed tools', { error: messageOf(error) }),
    );
  }

  function onExit(): void {
    if (state === 'closed' || state === 'failed') return;
    const wasStarting = state === 'starting';
    state = 'exited';
    listed = undefined;
    if (wasStarting) return;
    problem = isRemote(config)
      ? 'the connection to the server closed; it reconnects on next use'
      : `the server exited; it starts again on next use${stderrSuffix(tail())}`;
    log.warn('MCP server exited', { pid, stderr: tail() });
  }

  async function start(): Promise<readonly ListedTool[]> {
    state = 'starting';
    let sdk: Sdk | undefined;
    try {
      sdk = await loadSdk();
      const opened = await openTransport(config, deps, (chunk) => stderr.push(chunk));
      transport = opened.transport;
      if (isClosed()) throw new ToolError('cancelled', `MCP server "${config.name}" was closed while it started`);
      client = new sdk.Client(
        { name: 'ridgeline', version: deps.clientVersion },
        { listChanged: { tools: { autoRefresh: false, debounceMs: 50, onChanged: onToolsChanged } } },
      );
      client.onclose = onExit;
      await client.connect(transport, { timeout: START_TIMEOUT_MS });
      pid = opened.pid();
      listed = await listAll(client);
      if (isClosed()) throw new ToolError('cancelled', `MCP server "${config.name}" was closed while it started`);
      state = 'connected';
      problem = undefined;
      log.info('MCP server connected', { pid, tools: listed.length });
      return listed;
    } catch (error) {
      // Lets the last stderr chunks of a server that died at start arrive before the tail is read.
      await new Promise((resolve) => setImmediate(resolve));
      await shutDown();
      if (isClosed()) throw error;
      state = 'failed';
      const failure = startFailure({ config, error, stderrTail: tail(), sdk });
      problem = failure.message;
      log.warn('MCP server could not start', { error: failure.message });
      throw failure;
    }
  }

  // A separate function so that TypeScript does not narrow `state` across the awaits above.
  function isClosed(): boolean {
    return state === 'closed';
  }

  async function shutDown(): Promise<void> {
    const session = client;
    const stdio = transport;
    client = undefined;
    transport = undefined;
    listed = undefined;
    // Client.close() closes its transport; a transport whose process never started is closed here.
    await session?.close().catch(() => undefined);
    await stdio?.close().catch(() => undefined);
  }

  return {
    config,
    fingerprint: serverFingerprint(config),
    state: () => state,
    problem: () => problem,
    tools: () => (state === 'connected' ? listed : undefined),
    stderrTail: tail,
    pid: () => (state === 'connected' ? pid : null),

    open() {
      if (state === 'connected' && listed) return Promise.resolve(listed);
      if (state === 'closed') {
        return Promise.reject(new ToolError('retryable', `MCP server "${config.name}" was closed`));
      }
      opening ??= start().finally(() => {
        opening = undefined;
      });
      return opening;
    },

    async refresh() {
      if (state !== 'connected' || !client) return this.open();
      listed = await listAll(client);
      return listed;
    },

    async call(tool, args, signal) {
      if (state !== 'connected' || !client) {
        throw new ToolError('retryable', `MCP server "${config.name}" is not running`);
      }
      const result = await client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: CALL_TIMEOUT_MS,
      });
      return result as CallToolResult;
    },

    async close() {
      if (state === 'closed') return;
      state = 'closed';
      listed = undefined;
      await shutDown();
      await opening?.catch(() => undefined);
    },
  };
}

interface StartFailure {
  config: McpServerConfig;
  error: unknown;
  stderrTail: string;
  /** Undefined when the SDK itself could not be loaded: then no error is the SDK's. */
  sdk: Sdk | undefined;
}

function startFailure({ config, error, stderrTail, sdk }: StartFailure): ToolError {
  const cause = startCause(config, error, sdk);
  return new ToolError(
    'permanent',
    `MCP server "${config.name}" could not start (${isRemote(config) ? 'url' : 'command'}: ${commandLine(config)}): ${cause}${isRemote(config) ? '' : stderrSuffix(stderrTail)}`,
    isRemote(config)
      ? { server: config.name, url: config.url }
      : { server: config.name, command: config.command, args: config.args, stderr_tail: stderrTail },
  );
}

function startCause(config: McpServerConfig, error: unknown, sdk: Sdk | undefined): string {
  if (ToolError.isInstance(error)) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (isRemote(config)) return remoteCause(error, sdk);
  if (code === 'ENOENT') return `the command ${config.command} was not found`;
  if (code === 'EACCES') return `the command ${config.command} is not executable`;
  if (sdk && error instanceof sdk.McpError && error.code === sdk.ErrorCode.ConnectionClosed) {
    return 'the server exited before it completed the MCP handshake';
  }
  if (sdk && error instanceof sdk.McpError && error.code === sdk.ErrorCode.RequestTimeout) {
    return `the server did not complete the MCP handshake within ${START_TIMEOUT_MS / 1000} s`;
  }
  return messageOf(error);
}

function remoteCause(error: unknown, sdk: Sdk | undefined): string {
  if (sdk && error instanceof sdk.McpError && error.code === sdk.ErrorCode.RequestTimeout) {
    return `the server did not complete the MCP handshake within ${START_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  if (cause === 'ECONNREFUSED') return 'nothing answers at that address (connection refused)';
  return messageOf(error);
}

function stderrSuffix(tail: string): string {
  return tail ? `. Its stderr ended with:\n${tail}` : '. It wrote nothing to stderr.';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
