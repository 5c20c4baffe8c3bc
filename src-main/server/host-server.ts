// Starts a host's loopback server for its runtime, the same for the desktop and headless hosts:
// the token, the HTTP API and /mcp, and <dataDir>/host.json while it listens.
import { AppError } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { Redactor } from '../core/lib/redact';
import type { RuntimeApi } from '../core/runtime';
import { inProcessCaller } from '../mcp-server/api-caller';
import { createMcpHttpHandler } from '../mcp-server/http';
import { removeHostFile, writeHostFile } from '../os/host-file';
import { ensureApiToken } from './auth';
import { startHttpHost, type HttpHost, type HttpLimits } from './http';
import type { Listener } from './listener';

export { DEFAULT_PORT, resolvePort } from './port';

export interface HostServerOptions {
  api: RuntimeApi;
  dataDir: string;
  port: number;
  staticRoot: string;
  logger: Logger;
  /** The token is added to it, so it never reaches a log. */
  redactor: Redactor;
  version: string;
  /** Read when host.json is written. */
  now: () => number;
  /** The desktop app takes any free port when its own is in use; the headless host refuses. */
  anyPortWhenTaken?: boolean;
  limits?: Partial<HttpLimits>;
  /** The socket the host already listens on; `port` and `anyPortWhenTaken` are then not used. */
  listener?: Listener;
}

export interface HostServer {
  http: HttpHost;
  /** Stops answering and removes host.json. */
  close(): Promise<void>;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { dataDir, logger } = options;
  const token = ensureApiToken(dataDir);
  options.redactor.addSecret(token);
  const start = (port: number): Promise<HttpHost> =>
    startHttpHost({
      api: options.api,
      token,
      port,
      staticRoot: options.staticRoot,
      logger,
      mcp: createMcpHttpHandler(inProcessCaller(options.api), options.version),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.listener ? { listener: options.listener } : {}),
    });
  let http: HttpHost;
  try {
    http = await start(options.port);
  } catch (error) {
    if (!options.anyPortWhenTaken || !AppError.isInstance(error) || error.code !== 'conflict') throw error;
    logger.warn('Port taken; listening on a free port instead', { port: options.port });
    http = await start(0);
  }
  writeHostFile(dataDir, {
    pid: process.pid,
    port: http.port,
    url: http.baseUrl,
    startedAt: new Date(options.now()).toISOString(),
  });
  // A host that exits without close() (process.exit, a fatal error) still takes its file along.
  const removeOnExit = (): void => removeHostFile(dataDir);
  process.once('exit', removeOnExit);
  let closed = false;
  return {
    http,
    async close() {
      if (closed) return;
      closed = true;
      process.off('exit', removeOnExit);
      removeHostFile(dataDir);
      await http.close();
    },
  };
}
