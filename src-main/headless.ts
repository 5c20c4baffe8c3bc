// Composition root of the headless host: the runtime under plain Node, the API and the board over
// HTTP on 127.0.0.1. `npm run serve` builds and starts it.
import { join } from 'node:path';
import { startupExitCode, startupFailureText } from './os/startup-failure';
import { systemClock } from './core/lib/clock';
import { createHostRuntime } from './host-runtime';
import { resolveDataDir } from './os/data-dir';
import { TOKEN_FILE } from './os/host-file';
import { DEFAULT_PORT, resolvePort, startHostServer } from './server/host-server';
import { createOsPowerSource } from './os/power-source';
import { createOsWakeScheduler } from './os/wake/os-wake-scheduler';
import { version } from '../package.json';

/** SIGTERM or SIGINT ends the host within this long, in every state. */
const SHUTDOWN_DEADLINE_MS = 8_000;

const usage = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--verbose]
  --port N        port on 127.0.0.1 (default ${DEFAULT_PORT}, or RIDGELINE_PORT; 0 picks a free one)
  --data-dir DIR  data directory (default: the desktop app's, or RIDGELINE_DATA_DIR)
  --verbose       when Ridgeline cannot start, print the underlying error and its stack too`;

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = resolvePort(argv);
  const dataDir = resolveDataDir(argv);
  const { runtime, logger, redactor } = createHostRuntime({
    hostKind: 'headless',
    dataDir,
    version,
    onOwnershipLost: () => process.exit(3),
    power: createOsPowerSource(),
    wake: createOsWakeScheduler(),
  });
  await runtime.start();
  const server = await startHostServer({
    api: runtime.api,
    dataDir,
    port,
    staticRoot: join(__dirname, '../renderer'),
    logger,
    redactor,
    version,
    now: systemClock.now,
  }).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  const { http } = server;

  process.stdout.write(
    [
      `Ridgeline ${version} is running headless.`,
      `  Board: ${http.loginUrl}`,
      `  API:   ${http.baseUrl}/api/<call>  (Authorization: Bearer <token from ${join(dataDir, TOKEN_FILE)}>)`,
      `  MCP:   ${http.baseUrl}/mcp  (same token)`,
      `  Data:  ${dataDir}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Whatever holds the stop up (a step that ignores its signals, a keychain prompt), the host is
    // gone within the deadline: the database is safe in WAL mode and recovery resumes the runs.
    setTimeout(() => {
      process.stderr.write(
        `Ridgeline did not stop within ${SHUTDOWN_DEADLINE_MS / 1000} s of ${signal}; exiting now.\n`,
      );
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      // Closes the SSE streams and removes host.json, then stops the runs (and their process groups)
      // and the database.
      await server.close();
      await runtime.stop();
    } catch (error) {
      logger.error('Stopping failed', { error: String(error) });
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

const args = process.argv.slice(2);
main(args).catch((error: unknown) => {
  process.stderr.write(startupFailureText(error, { verbose: args.includes('--verbose') }));
  process.exit(startupExitCode(error));
});
