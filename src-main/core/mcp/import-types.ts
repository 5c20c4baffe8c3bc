// What mcp.importConfig reports: the servers it adds (or would add), renames and refuses.
import type { McpServerConfig } from './types';

export interface McpImportedSecret {
  /** The secret's name in the keychain; the server's config refers to it by this name. */
  name: string;
  /** Where the value was in the source: mcpServers.github.env.GITHUB_TOKEN. */
  path: string;
}

export interface McpImportedServer {
  name: string;
  /** Its key in the source's mcpServers. */
  from: string;
  transport: McpServerConfig['transport'];
  command?: string;
  args: string[];
  url?: string;
  /** Names of the environment variables and headers kept as plain values. */
  env: string[];
  headers: string[];
  secrets: McpImportedSecret[];
}

export interface McpImportResult {
  /** true when the servers were saved and their secrets stored. */
  applied: boolean;
  /** The file read, or "pasted text". */
  source: string;
  added: McpImportedServer[];
  renamed: { from: string; to: string; reason: string }[];
  refused: { name: string; path: string; message: string }[];
}
