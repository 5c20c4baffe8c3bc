// Input and output of mcp.importConfig: an `mcpServers` object as Claude Desktop and Cursor write
// it, pasted or read from their config files, previewed and then applied to Ridgeline's list.
import { z } from 'zod';

export const mcpConfigClients = ['claude-desktop', 'cursor'] as const;
export type McpConfigClient = (typeof mcpConfigClients)[number];

export const mcpImportInput = z
  .object({
    /** The config as text: `{"mcpServers": {...}}`. */
    text: z
      .string()
      .max(1024 * 1024, 'must be at most 1 MiB')
      .optional(),
    /** Read the client's own config file from its usual places. */
    from: z.enum(mcpConfigClients, { error: `must be one of ${mcpConfigClients.join(', ')}` }).optional(),
    /** Read this config file. */
    path: z.string().min(1, 'is required').max(4096).optional(),
    /** false (the default): only say what would be added, renamed or refused. */
    apply: z.boolean().default(false),
  })
  .refine((input) => [input.text, input.from, input.path].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of text, from or path',
    path: ['text'],
  });

export type { McpImportedSecret, McpImportedServer, McpImportResult } from '../mcp/import-types';
