// What the API and the pipeline validator are told about configured MCP servers and their tools.
import type { z } from 'zod';
import type { mcpServerSchema } from '../settings/schema';

export type McpServerConfig = z.output<typeof mcpServerSchema>;

/** One tool as its server lists it; `uses` is the name a pipeline step gives it. */
export interface McpToolInfo {
  uses: string;
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown> | null;
}

/**
 * connected: the server runs and its tools are listed; idle: not started yet (or stopped);
 * error: the last attempt to start or list failed (`error` says why).
 */
export type McpServerState = 'connected' | 'idle' | 'error';

export interface McpServerStatus {
  name: string;
  transport: McpServerConfig['transport'];
  /** A local server's command and arguments (args is empty for a remote one). */
  command?: string;
  args: string[];
  /** A remote server's address. */
  url?: string;
  status: McpServerState;
  error?: string;
  tools: McpToolInfo[];
}
