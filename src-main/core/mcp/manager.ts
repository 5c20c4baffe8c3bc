// The MCP servers of the settings (settings().mcpServers) and their tools, for the executor, the
// pipeline validator and the API.
//
// Design: a server starts on first use and its connection is kept; one whose process exited, whose
// start failed or whose settings changed is started afresh on the next use; close() ends them all.
// The executor looks tools up synchronously, before any server runs, so findTool() returns, for
// every `mcp.<server>.<tool>` of a configured server, a tool whose execute() starts the server,
// finds the tool in its listing and runs it through runTool with the listed schemas: an input that
// does not match is refused, naming the field, before the call. The pipeline validator gets the
// listed schemas synchronously from describe() once prepare() has started the servers it names.
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Redactor } from '../lib/redact';
import type { SecretStore, Settings } from '../ports';
import { ToolError, type Tool } from '../tools/tool';
import { commandLine, createConnection, type ListedTool, type McpConnection, serverFingerprint } from './connection';
import { createMcpTool, deferredMcpTool, mcpToolName, parseMcpToolName } from './tools';
import type { McpServerConfig, McpServerStatus, McpToolInfo } from './types';

export interface McpManagerDeps {
  settings: Settings;
  secrets: SecretStore;
  redactor: Redactor;
  logger: Logger;
  /** Ridgeline's version, told to servers when a session starts. */
  clientVersion: string;
}

export interface McpManager {
  /** A tool for `mcp.<server>.<tool>` when <server> is configured; undefined otherwise. */
  findTool(name: string): Tool | undefined;
  /**
   * What the validator knows of an MCP tool without waiting: its listing when its server runs;
   * null when the server is configured but its tools are not known yet (not started, or its start
   * failed); undefined when there is no such MCP tool (not an mcp.* name, no such server, or the
   * running server does not list it).
   */
  describe(name: string): McpToolInfo | null | undefined;
  /** Starts the servers the given tool names belong to; a server that cannot start is skipped. */
  prepare(toolNames: readonly string[]): Promise<void>;
  /** Every configured server with its state and tools; `connect` starts those not running. */
  servers(options?: { connect?: boolean }): Promise<McpServerStatus[]>;
  /** Starts (or reuses) one server and lists its tools again. */
  test(name: string): Promise<McpServerStatus>;
  /** The process id of a running server (tests and diagnostics). */
  pid(name: string): number | null;
  close(): Promise<void>;
}

export function createMcpManager(deps: McpManagerDeps): McpManager {
  const connections = new Map<string, McpConnection>();
  // Each listing's tools are built once (their zod schemas converted once), on first use.
  const built = new WeakMap<readonly ListedTool[], Map<string, Tool>>();

  const configOf = (server: string): McpServerConfig | undefined =>
    deps.settings.get().mcpServers.find((s) => s.name === server);

  /** The current connection, or a new one in place of one that cannot serve any more. */
  function connectionFor(config: McpServerConfig): McpConnection {
    const existing = connections.get(config.name);
    const usable = existing && existing.fingerprint === serverFingerprint(config);
    if (existing && usable && ['new', 'starting', 'connected'].includes(existing.state())) return existing;
    if (existing) void existing.close();
    const fresh = createConnection(config, deps);
    connections.set(config.name, fresh);
    return fresh;
  }

  /** Closes the connections of servers no longer in the settings. */
  async function closeRemoved(): Promise<void> {
    const configured = new Set(deps.settings.get().mcpServers.map((s) => s.name));
    const removed = [...connections.entries()].filter(([name]) => !configured.has(name));
    for (const [name] of removed) connections.delete(name);
    await Promise.all(removed.map(([, connection]) => connection.close()));
  }

  async function resolveTool(server: string, tool: string, signal: AbortSignal): Promise<Tool> {
    const config = configOf(server);
    if (!config) throw new ToolError('permanent', `There is no MCP server named "${server}" in the settings`);
    const connection = connectionFor(config);
    const listing = await untilAborted(connection.open(), signal, `Starting the MCP server ${server}`);
    let tools = built.get(listing);
    if (!tools) built.set(listing, (tools = new Map()));
    const cached = tools.get(tool);
    if (cached) return cached;
    const listed = listing.find((t) => t.name === tool);
    if (!listed) {
      const names = listing.map((t) => t.name).join(', ') || 'none';
      throw new ToolError('permanent', `The MCP server ${server} has no tool "${tool}" (it has: ${names})`);
    }
    const created = createMcpTool(server, listed, connection);
    tools.set(tool, created);
    return created;
  }

  function statusOf(config: McpServerConfig): McpServerStatus {
    const base = {
      name: config.name,
      transport: config.transport,
      ...(config.command !== undefined ? { command: config.command } : {}),
      args: config.args,
      ...(config.url !== undefined ? { url: config.url } : {}),
    };
    const connection = connections.get(config.name);
    if (!connection || connection.fingerprint !== serverFingerprint(config)) {
      return { ...base, status: 'idle', tools: [] };
    }
    const listing = connection.tools();
    if (listing) return { ...base, status: 'connected', tools: listing.map((t) => infoOf(config.name, t)) };
    const problem = connection.problem();
    const state = connection.state() === 'failed' ? 'error' : 'idle';
    return { ...base, status: state, ...(problem ? { error: problem } : {}), tools: [] };
  }

  return {
    findTool(name) {
      const parsed = parseMcpToolName(name);
      if (!parsed || !configOf(parsed.server)) return undefined;
      const listed = connections
        .get(parsed.server)
        ?.tools()
        ?.find((t) => t.name === parsed.tool);
      const description =
        listed?.description ??
        `Tool ${parsed.tool} of the MCP server ${parsed.server}: ${commandLineOf(parsed.server)}`;
      return deferredMcpTool(name, description, (signal) => resolveTool(parsed.server, parsed.tool, signal));
    },

    describe(name) {
      const parsed = parseMcpToolName(name);
      const config = parsed && configOf(parsed.server);
      if (!parsed || !config) return undefined;
      const connection = connections.get(parsed.server);
      const listing = connection?.fingerprint === serverFingerprint(config) ? connection.tools() : undefined;
      if (!listing) return null;
      const listed = listing.find((t) => t.name === parsed.tool);
      return listed ? infoOf(parsed.server, listed) : undefined;
    },

    async prepare(toolNames) {
      const servers = new Set(toolNames.flatMap((n) => parseMcpToolName(n)?.server ?? []));
      await Promise.all(
        [...servers].map(async (server) => {
          const config = configOf(server);
          if (config)
            await connectionFor(config)
              .open()
              .catch(() => undefined);
        }),
      );
    },

    async servers(options = {}) {
      await closeRemoved();
      const configs = deps.settings.get().mcpServers;
      if (options.connect ?? true) {
        await Promise.all(
          configs.map((config) =>
            connectionFor(config)
              .open()
              .catch(() => undefined),
          ),
        );
      }
      return configs.map(statusOf);
    },

    async test(name) {
      const config = configOf(name);
      if (!config) throw new AppError('not_found', `There is no MCP server named "${name}" in the settings.`, { name });
      await connectionFor(config)
        .refresh()
        .catch(() => undefined);
      return statusOf(config);
    },

    pid: (name) => connections.get(name)?.pid() ?? null,

    async close() {
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map((connection) => connection.close()));
    },
  };

  function commandLineOf(server: string): string {
    const config = configOf(server);
    return config ? commandLine(config) : server;
  }
}

function infoOf(server: string, tool: ListedTool): McpToolInfo {
  return {
    uses: mcpToolName(server, tool.name),
    name: tool.name,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema ?? null,
  };
}

/** Waits for a shared start, but lets one caller's cancellation end its own wait. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new ToolError('cancelled', `${what} was cancelled`));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new ToolError('cancelled', `${what} was cancelled`));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
