// <dataDir>/host.json says which host answers on loopback for a data directory, so the CLI and the
// MCP stdio server find it. Written once the server listens, removed on exit; a dead pid means no host.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOST_FILE = 'host.json';
/** The API token beside it (mode 0600): what the CLI and the MCP bridge present to the host. */
export const TOKEN_FILE = 'api-token';

export interface HostInfo {
  pid: number;
  port: number;
  url: string;
  /** ISO-8601 instant the server started listening. */
  startedAt: string;
}

const isInteger = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

// Checked by hand rather than with zod: the headless host writes this file in the first moments of
// its start, before the modules it answers with are loaded.
function asHostInfo(value: unknown): HostInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, port, url, startedAt } = value as Record<string, unknown>;
  if (!isInteger(pid, 1, Number.MAX_SAFE_INTEGER) || !isInteger(port, 1, 65535)) return undefined;
  if (typeof url !== 'string' || !URL.canParse(url) || typeof startedAt !== 'string') return undefined;
  return { pid, port, url, startedAt };
}

export function hostFilePath(dataDir: string): string {
  return join(dataDir, HOST_FILE);
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writeHostFile(dataDir: string, info: HostInfo): void {
  const file = hostFilePath(dataDir);
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFileSync applies only when the file is created.
  chmodSync(file, 0o600);
}

/** Removes the file only when it still names this process, so a newer host's file survives. */
export function removeHostFile(dataDir: string, pid: number = process.pid): void {
  const current = readHostFileRaw(dataDir);
  if (current && current.pid !== pid) return;
  rmSync(hostFilePath(dataDir), { force: true });
}

function readHostFileRaw(dataDir: string): HostInfo | undefined {
  let text: string;
  try {
    text = readFileSync(hostFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return asHostInfo(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The running host of a data directory; a missing, unreadable or stale file (dead pid) is no host. */
export function readHostFile(dataDir: string): HostInfo | undefined {
  const info = readHostFileRaw(dataDir);
  return info && isProcessAlive(info.pid) ? info : undefined;
}
