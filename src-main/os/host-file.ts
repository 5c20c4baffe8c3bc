// <dataDir>/host.json says which running host serves a data directory's API and on which port, so
// the `ridgeline` command can find it. The host writes it when it listens and removes it on exit.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOST_FILE = 'host.json';

export interface HostRecord {
  pid: number;
  port: number;
  url: string;
  startedAt: string;
}

export function hostFilePath(dataDir: string): string {
  return join(dataDir, HOST_FILE);
}

export function writeHostFile(dataDir: string, record: HostRecord): void {
  const file = hostFilePath(dataDir);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already exists; a leftover must not stay readable.
  chmodSync(file, 0o600);
}

/** Removes the file only when it is this process's: a newer host may have replaced it. */
export function removeHostFile(dataDir: string, pid: number): void {
  const record = readHostRecord(dataDir);
  if (record?.pid === pid) rmSync(hostFilePath(dataDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHostRecord(dataDir: string): HostRecord | undefined {
  let text: string;
  try {
    text = readFileSync(hostFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<HostRecord>;
    if (typeof value.pid !== 'number' || typeof value.port !== 'number' || typeof value.url !== 'string') {
      return undefined;
    }
    return value as HostRecord;
  } catch {
    return undefined;
  }
}

/** The host serving this data directory, or undefined when none is: no file, an unreadable one, or a dead pid. */
export function findRunningHost(dataDir: string): HostRecord | undefined {
  const record = readHostRecord(dataDir);
  return record && isAlive(record.pid) ? record : undefined;
}
