// Composition root of the headless host: the runtime under plain Node, the API and the board over
// HTTP on 127.0.0.1. `npm run serve` builds and starts it.
//
// The host listens first and loads the runtime after: what comes before the listening socket is
// only what must fail at once (bad arguments, an unusable data directory, a file that is not a
// database, a directory another host owns), so the API answers a few hundred milliseconds after the
// process starts. Requests that arrive before the runtime is ready wait for it.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { garbageCollector } from './os/collector';
import { startupExitCode, startupFailureText } from './os/startup-failure';
import { systemClock } from './core/lib/clock';
import { prepareDataDir } from './core/db/data-dir';
import { checkDatabaseAtStart } from './core/db/health-check';
import { DATABASE_FILE } from './core/db/open';
import { resolveDataDir } from './os/data-dir';
import { displayTimezoneHint } from './os/display-timezone-hint';
import { removeHostFile, TOKEN_FILE, writeHostFile } from './os/host-file';
import { ensureApiToken } from './server/auth';
import { listen } from './server/listener';
import { DEFAULT_PORT, resolvePort } from './server/port';
import type { StartedHeadless } from './headless-start';
import { version } from '../package.json';

// V8 lets the young generation grow to 32 MB as soon as loading the modules fills it, and never
// gives it back: a third of the idle host's memory. Kept at its first size (1 MB semi-spaces) the
// host scavenges more often, each time for well under a millisecond. V8 reads the flag at each
// scavenge, so setting it now works (creating another isolate in this process would reset it).
setFlagsFromString('--semi-space-growth-factor=1');
// The number of V8's worker threads cannot be set from here: Node fixes it as it starts. Whatever
// starts the host passes HOST_NODE_FLAGS (os/host-command.ts), which keep it at one.

// Until its first full collection V8 lets the old generation grow to a limit it derives from the
// machine's memory, not from the program: objects promoted while bursts of runs execute piled up
// to 60-80 MB of garbage before one came, and V8's memory reducer, which gives the heap back when
// the host goes idle, only starts after one. So the host collects once, as soon as its runtime
// has started (about 20 ms), and each later limit is the live heap plus half (V8 allows up to four
// times it), a flag V8 reads at every full collection.
function keepOldGenerationTight(): void {
  setFlagsFromString('--heap-growing-percent=50');
  garbageCollector()();
}

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
  prepareDataDir(dataDir);
  const databaseCheck = checkDatabaseAtStart({
    dataDir,
    file: join(dataDir, DATABASE_FILE),
    now: systemClock.now(),
    displayTimezone: displayTimezoneHint(dataDir),
  });
  const token = ensureApiToken(dataDir);
  const listener = await listen({ port });
  // host.json from the moment the port answers, so the CLI finds this host while it starts.
  writeHostFile(dataDir, {
    pid: process.pid,
    port: listener.port,
    url: listener.baseUrl,
    startedAt: new Date(systemClock.now()).toISOString(),
  });
  process.once('exit', () => removeHostFile(dataDir));

  const started: Promise<StartedHeadless> = (async () => {
    const { startHeadless } = await import('./headless-start');
    const staticRoot = join(__dirname, '../renderer');
    const host = await startHeadless({ dataDir, version, listener, staticRoot, databaseHealth: databaseCheck });
    keepOldGenerationTight();
    return host;
  })();

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
    // A stop during the start waits for it; a start that failed exits on its own with its message.
    const host = await started.catch(() => undefined);
    if (!host) return;
    try {
      // Closes the SSE streams and removes host.json, then stops the runs (and their process groups)
      // and the database.
      await host.server.close();
      await host.runtime.stop();
    } catch (error) {
      host.logger.error('Stopping failed', { error: String(error) });
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Only now: a signal sent the moment the address is printed must meet the handlers above, not
  // end the process before host.json is removed.
  process.stdout.write(
    [
      `Ridgeline ${version} is running headless.`,
      `  Board: ${listener.baseUrl}/?token=${token}`,
      `  API:   ${listener.baseUrl}/api/<call>  (Authorization: Bearer <token from ${join(dataDir, TOKEN_FILE)}>)`,
      `  MCP:   ${listener.baseUrl}/mcp  (same token)`,
      `  Data:  ${dataDir}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await started;
}

const args = process.argv.slice(2);
main(args).catch((error: unknown) => {
  process.stderr.write(startupFailureText(error, { verbose: args.includes('--verbose') }));
  process.exit(startupExitCode(error));
});
