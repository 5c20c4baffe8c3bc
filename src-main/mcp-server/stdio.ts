// MCP over stdio for clients that start a command (Claude Desktop, Claude Code, Cursor): it finds the
// host running on the data directory (host.json), and serves every tool through that host's HTTP API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AppError } from '../core/lib/errors';
import { hostFilePath, readHostFile, TOKEN_FILE } from '../os/host-file';
import { httpCaller } from './api-caller';
import { createMcpServer } from './server';

export interface StdioOptions {
  dataDir: string;
  version: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** The running host's address and token, or an error that says how to start one. */
export function findHost(dataDir: string): { baseUrl: string; token: string } {
  const host = readHostFile(dataDir);
  if (!host) {
    throw new AppError(
      'not_started',
      `No Ridgeline host is running on ${dataDir} (no live ${hostFilePath(dataDir)}). ` +
        'Open the desktop app, or run `npm run serve -- --data-dir <dir>`.',
      { dataDir },
    );
  }
  let token: string;
  try {
    token = readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim();
  } catch (error) {
    throw new AppError('unauthorized', `Cannot read the API token in ${join(dataDir, TOKEN_FILE)}: ${String(error)}`);
  }
  return { baseUrl: host.url, token };
}

/** Serves MCP on stdin/stdout until the client closes them. */
export async function serveStdio(options: StdioOptions): Promise<void> {
  const { baseUrl, token } = findHost(options.dataDir);
  const server = createMcpServer(httpCaller({ baseUrl, token }), options.version);
  const closed = new Promise<void>((done) => {
    server.onclose = () => done();
  });
  const transport = new StdioServerTransport(
    options.input as NodeJS.ReadStream | undefined,
    options.output as NodeJS.WriteStream | undefined,
  );
  await server.connect(transport);
  await closed;
}
