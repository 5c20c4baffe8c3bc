// The headless host's runtime and API, loaded after its socket listens: this module pulls in the
// whole runtime (the AI SDK's providers, the MCP SDK, zod schemas), which takes longer to load
// than everything before it. Requests that arrived meanwhile are answered once it is wired.
import { systemClock } from './core/lib/clock';
import type { Logger } from './core/lib/logger';
import type { Runtime } from './core/runtime';
import { createHostRuntime } from './host-runtime';
import { createOsPowerSource } from './os/power-source';
import { createOsWakeScheduler } from './os/wake/os-wake-scheduler';
import { startHostServer, type HostServer } from './server/host-server';
import type { Listener } from './server/listener';

export interface HeadlessStartOptions {
  dataDir: string;
  version: string;
  listener: Listener;
  staticRoot: string;
  /** checkDatabaseAtStart's answer, awaited before the database is opened for writing. */
  databaseHealth: Promise<void>;
}

export interface StartedHeadless {
  runtime: Runtime;
  server: HostServer;
  logger: Logger;
}

export async function startHeadless(options: HeadlessStartOptions): Promise<StartedHeadless> {
  const { dataDir, version } = options;
  const { runtime, logger, redactor } = createHostRuntime({
    hostKind: 'headless',
    dataDir,
    version,
    onOwnershipLost: () => process.exit(3),
    power: createOsPowerSource(),
    wake: createOsWakeScheduler(),
    databaseHealth: options.databaseHealth,
  });
  await runtime.start();
  const server = await startHostServer({
    api: runtime.api,
    dataDir,
    port: options.listener.port,
    listener: options.listener,
    staticRoot: options.staticRoot,
    logger,
    redactor,
    version,
    now: systemClock.now,
  }).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  return { runtime, server, logger };
}
