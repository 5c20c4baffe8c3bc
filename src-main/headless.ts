// Composition root of the headless host: the runtime under plain Node, the API and the board over
// HTTP on 127.0.0.1. `npm run serve` builds and starts it.
import { join } from 'node:path';
import { AppError } from './core/lib/errors';
import { createHostRuntime } from './host-runtime';
import { readFlag, resolveDataDir } from './os/data-dir';
import { ensureApiToken, TOKEN_FILE } from './server/auth';
import { startHttpHost } from './server/http';
import { version } from '../package.json';

const DEFAULT_PORT = 7788;

const usage = `Usage: npm run serve -- [--port N] [--data-dir DIR]
  --port N        port on 127.0.0.1 (default ${DEFAULT_PORT}, or RIDGELINE_PORT; 0 picks a free one)
  --data-dir DIR  data directory (default: the desktop app's, or RIDGELINE_DATA_DIR)`;

function parsePort(argv: string[]): number {
  const raw = readFlag(argv, '--port') ?? process.env.RIDGELINE_PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('validation_failed', `--port: "${raw}" is not a port number (0-65535).`);
  }
  return port;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = parsePort(argv);
  const dataDir = resolveDataDir(argv);
  const { runtime, logger, redactor } = createHostRuntime({
    hostKind: 'headless',
    dataDir,
    version,
    onOwnershipLost: () => process.exit(3),
  });
  await runtime.start();
  const token = ensureApiToken(dataDir);
  redactor.addSecret(token);
  const http = await startHttpHost({
    api: runtime.api,
    token,
    port,
    staticRoot: join(__dirname, '../renderer'),
    logger,
  }).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });

  process.stdout.write(
    [
      `Ridgeline ${version} is running headless.`,
      `  Board: ${http.loginUrl}`,
      `  API:   ${http.baseUrl}/api/<call>  (Authorization: Bearer <token from ${join(dataDir, TOKEN_FILE)}>)`,
      `  Data:  ${dataDir}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await http.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = AppError.isInstance(error)
    ? error.message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`Ridgeline could not start: ${message}\n`);
  process.exit(AppError.isInstance(error) && error.code === 'data_dir_in_use' ? 2 : 1);
});
