// Which loopback port a host listens on; light, so the headless host reads it before anything loads.
import { AppError } from '../core/lib/errors';
import { readFlag } from '../os/data-dir';

export const DEFAULT_PORT = 7788;

/** `--port N`, then RIDGELINE_PORT, then 7788; 0 picks a free port. */
export function resolvePort(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const raw = readFlag(argv, '--port') ?? (env.RIDGELINE_PORT || String(DEFAULT_PORT));
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('validation_failed', `--port: "${raw}" is not a port number (0-65535).`);
  }
  return port;
}
