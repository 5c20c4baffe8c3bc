// MCP calls: the configured servers with their state and tools (listing starts them unless told
// not to), and a test of one server that starts it and lists its tools again.
import type { McpManager } from '../../mcp/manager';
import type { McpServerStatus } from '../../mcp/types';
import type { ParsedInput } from '../contract';

export function createMcpHandlers(mcp: McpManager) {
  return {
    'mcp.servers': async ({ connect }: ParsedInput<'mcp.servers'>): Promise<McpServerStatus[]> =>
      mcp.servers({ connect }),
    'mcp.test': async ({ name }: ParsedInput<'mcp.test'>): Promise<McpServerStatus> => mcp.test(name),
  };
}
