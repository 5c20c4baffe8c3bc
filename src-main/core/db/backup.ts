// Rolling online backups of the database: one file a day in <dataDir>/backups, the newest `keep`
// kept. better-sqlite3's backup API copies pages a batch per event-loop turn, so a backup never
// holds the loop for long and runs while the queue keeps writing.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isoAt } from '../lib/time-format';

export const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^ridgeline-(\d{4}-\d{2}-\d{2})\.db$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, BACKUP_DIR);
}

/** ridgeline-YYYY-MM-DD.db for the UTC day of `at`. */
export function backupFileName(at: number): string {
  return `ridgeline-${isoAt(at).slice(0, 10)}.db`;
}

/** Backup files, newest first. */
export function listBackups(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(backupDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => join(backupDir(dataDir), name));
}

/** The newest backup that opens and passes `PRAGMA quick_check`, if any. */
export function newestGoodBackup(dataDir: string, nativeBinding?: string): string | undefined {
  for (const file of listBackups(dataDir)) {
    let db: Db | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
      if (db.pragma('quick_check', { simple: true }) === 'ok') return file;
    } catch {
      // A damaged backup is passed over for an older one.
    } finally {
      db?.close();
    }
  }
  return undefined;
}

export interface BackupOptions {
  db: Db;
  dataDir: string;
  now: number;
  keep: number;
}

/**
 * Takes today's backup unless it exists, then deletes all but the newest `keep`. Resolves to the
 * new file, or undefined when today's was already taken. The copy is written under a temporary
 * name and renamed, so a crash never leaves a half backup that looks whole.
 */
export async function takeDailyBackup(options: BackupOptions): Promise<string | undefined> {
  const dir = backupDir(options.dataDir);
  const file = join(dir, backupFileName(options.now));
  if (listBackups(options.dataDir).includes(file)) return undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  try {
    await options.db.backup(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  for (const old of listBackups(options.dataDir).slice(Math.max(1, options.keep))) rmSync(old, { force: true });
  return file;
}
