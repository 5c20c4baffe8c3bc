// MCP tools as Ridgeline tools. `mcp.<server>.<tool>` names a tool of a configured server; its
// input and output schemas are the ones the server lists, converted to zod so that runTool checks
// them both ways. A result with isError is a failure; structuredContent is the output when the
// server gives it, otherwise the text content.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { runTool } from '../tools/registry';
import type { FailureKind } from '../model/outcome';
import { ToolError, type Tool } from '../tools/tool';
import type { ListedTool, McpConnection } from './connection';
import { zodFromJsonSchema } from './json-schema';

const NAME = /^mcp\.([a-z][a-z0-9_-]{0,39})\.(.+)$/;

export function parseMcpToolName(name: string): { server: string; tool: string } | undefined {
  const match = NAME.exec(name);
  return match ? { server: match[1] as string, tool: match[2] as string } : undefined;
}

export function mcpToolName(server: string, tool: string): string {
  return `mcp.${server}.${tool}`;
}

/** Without an output schema a tool returns its text, or structured content it did not declare. */
const undeclaredOutput = z.union([z.string(), z.record(z.string(), z.unknown())]);

/** The Ridgeline tool for one listed MCP tool, calling it over `connection`. */
export function createMcpTool(server: string, listed: ListedTool, connection: McpConnection): Tool {
  const uses = mcpToolName(server, listed.name);
  return {
    name: uses,
    description: listed.description ?? `Tool ${listed.name} of the MCP server ${server}`,
    input: schemaOf(uses, 'input', listed.inputSchema),
    output: listed.outputSchema ? schemaOf(uses, 'output', listed.outputSchema) : undeclaredOutput,
    async execute(input, context) {
      if (context.signal.aborted) throw new ToolError('cancelled', `${uses} was cancelled before it started`);
      let result: CallToolResult;
      try {
        result = await connection.call(listed.name, input as Record<string, unknown>, context.signal);
      } catch (error) {
        throw await callFailure({ uses, server, error, signal: context.signal, stderrTail: connection.stderrTail() });
      }
      return outputOf(uses, result);
    },
  };
}

/**
 * What the executor's synchronous lookup returns for an MCP tool: its schemas are known only once
 * the server runs, so execute() starts the server (or reuses it), finds the listed tool and runs it
 * through runTool, which checks the input against the listed schema before the call.
 */
export function deferredMcpTool(
  uses: string,
  description: string,
  resolve: (signal: AbortSignal) => Promise<Tool>,
): Tool {
  return {
    name: uses,
    description,
    input: z.record(z.string(), z.unknown()),
    output: z.unknown(),
    async execute(input, context) {
      const tool = await resolve(context.signal);
      return runTool(tool, input, context);
    },
  };
}

function schemaOf(uses: string, side: 'input' | 'output', schema: Record<string, unknown>): z.ZodType {
  try {
    return zodFromJsonSchema(schema);
  } catch (error) {
    throw new ToolError(
      'permanent',
      `${uses}: the ${side} schema its server lists cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function outputOf(uses: string, result: CallToolResult): unknown {
  const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
  if (result.isError) {
    throw new ToolError('retryable', `${uses} failed: ${text || 'the server gave no reason'}`, { content: text });
  }
  return result.structuredContent ?? text;
}

interface CallFailure {
  uses: string;
  server: string;
  error: unknown;
  signal: AbortSignal;
  stderrTail: string;
}

async function callFailure({ uses, server, error, signal, stderrTail }: CallFailure): Promise<ToolError> {
  if (ToolError.isInstance(error)) return error;
  if (signal.aborted) return new ToolError('cancelled', `${uses} was cancelled`);
  const message = error instanceof Error ? error.message : String(error);
  // Loaded already: the connection that made the call loaded the SDK when its server started.
  const { ErrorCode, McpError } = await import('@modelcontextprotocol/sdk/types.js');
  if (!(error instanceof McpError)) return new ToolError('retryable', `${uses}: ${message}`);
  if (error.code === ErrorCode.ConnectionClosed) {
    const tail = stderrTail ? `; its stderr ended with:\n${stderrTail}` : '';
    return new ToolError('retryable', `${uses}: the MCP server ${server} exited during the call${tail}`, {
      stderr_tail: stderrTail,
    });
  }
  return new ToolError(kindOf(error.code, ErrorCode), `${uses}: ${message}`, { code: error.code });
}

/** Server errors and timeouts may pass; a request the server calls invalid fails the same way again. */
function kindOf(code: number, codes: { RequestTimeout: number; InternalError: number }): FailureKind {
  if (code === codes.RequestTimeout) return 'timeout';
  if (code === codes.InternalError) return 'retryable';
  return 'permanent';
}
