// A data directory that cannot be used (damaged database, read-only, full disk, a file in its
// place) stops the start with one paragraph saying what is wrong and what to do, and nothing in
// the directory is changed on the way.
import Database from 'better-sqlite3';
import { accessSync, chmodSync, constants, mkdirSync, statSync } from 'node:fs';
import { AppError } from '../lib/errors';
import { backupDir, newestGoodBackup } from './backup';

export type DataDirProblem = 'corrupt' | 'read_only' | 'disk_full' | 'not_a_directory' | 'cannot_create';

interface Where {
  dataDir: string;
  file: string;
  nativeBinding?: string;
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function problem(kind: DataDirProblem, message: string, where: Pick<Where, 'dataDir'>, cause?: unknown): AppError {
  const error = new AppError('data_dir_unusable', message, { problem: kind, dataDir: where.dataDir });
  if (cause !== undefined) error.cause = cause;
  return error;
}

const quote = (path: string): string => `"${path}"`;
const elsewhere = 'or start Ridgeline with another data directory (--data-dir or RIDGELINE_DATA_DIR)';

function corruptMessage(where: Where, detail: string): string {
  const { file } = where;
  const backup = newestGoodBackup(where.dataDir, where.nativeBinding);
  const damaged = `The database ${file} is damaged (${detail}); Ridgeline did not change it.`;
  const aside = `mv ${quote(file)} ${quote(`${file}.damaged`)} && rm -f ${quote(`${file}-wal`)} ${quote(`${file}-shm`)}`;
  if (backup) {
    return `${damaged} Restore the newest good backup, ${backup}: quit Ridgeline, run \`${aside} && cp ${quote(backup)} ${quote(file)}\`, then start Ridgeline again.`;
  }
  return (
    `${damaged} No good backup was found in ${backupDir(where.dataDir)}. Recover what you can with ` +
    `\`sqlite3 ${quote(file)} .recover\`, or move it aside with \`${aside}\` to start with an empty database.`
  );
}

/** The one-paragraph error for a failure to open or check the database, or undefined if it is none of ours. */
export function explainDataDirFailure(error: unknown, where: Where): AppError | undefined {
  if (AppError.isInstance(error)) return undefined;
  const code = codeOf(error);
  const detail = detailOf(error);
  const { dataDir } = where;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return problem('corrupt', corruptMessage(where, detail), where, error);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return problem(
      'disk_full',
      `The disk holding ${dataDir} is full (${detail}). Free some space on it, then start Ridgeline again.`,
      where,
      error,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return problem(
      'read_only',
      `Ridgeline cannot write to its data directory ${dataDir} (${detail}). Make the directory and its files ` +
        `writable for your user (chmod -R u+rwX ${quote(dataDir)}), ${elsewhere}.`,
      where,
      error,
    );
  }
  return undefined;
}

/**
 * Creates the data directory (0700) if it is missing, or checks that the one there is a directory
 * Ridgeline can write to. Changes nothing that exists.
 */
export function prepareDataDir(dataDir: string): void {
  const where = { dataDir };
  let isDirectory: boolean | undefined;
  try {
    isDirectory = statSync(dataDir).isDirectory();
  } catch (error) {
    if (codeOf(error) === 'ENOTDIR') isDirectory = false;
  }
  if (isDirectory === false) {
    throw problem(
      'not_a_directory',
      `The data directory ${dataDir} is not a directory: a file is in its place (or in the place of one of ` +
        `its parents). Move that file away, ${elsewhere}.`,
      where,
    );
  }
  if (isDirectory === undefined) {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOSPC') throw explainDataDirFailure(error, { dataDir, file: dataDir })!;
      throw problem(
        code === 'ENOTDIR' || code === 'EEXIST' ? 'not_a_directory' : 'cannot_create',
        `Ridgeline could not create its data directory ${dataDir} (${detailOf(error)}). Create it yourself ` +
          `(mkdir -p ${quote(dataDir)}) where your user can write, ${elsewhere}.`,
        where,
        error,
      );
    }
  }
  try {
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw explainDataDirFailure(error, { dataDir, file: dataDir }) ?? error;
  }
}

/**
 * `PRAGMA quick_check` before anything is written, so a damaged page or index stops the start
 * instead of failing some later read. Throws an SQLITE_CORRUPT error that explainDataDirFailure reads.
 */
export function assertHealthy(db: Database.Database): void {
  const lines = (db.pragma(QUICK_CHECK) as Array<{ quick_check: string }>).map((row) => row.quick_check);
  const damage = damageFound(lines);
  if (damage) throw damage;
}

export const QUICK_CHECK = 'quick_check(5)';

/** What `PRAGMA quick_check` answered, as the SQLITE_CORRUPT error explainDataDirFailure reads; undefined for ok. */
export function damageFound(lines: readonly string[]): Error | undefined {
  if (lines.length === 1 && lines[0] === 'ok') return undefined;
  const found = lines.join('; ').replace(/\s*\n\s*/g, ' ');
  return Object.assign(new Error(`quick_check found: ${found}`), { code: 'SQLITE_CORRUPT' });
}

/**
 * After a good open: the directory 0700 and the database files 0600, existing ones included, so a
 * directory made by an older version or by hand is closed to other users too.
 */
export function secureDataFiles(dataDir: string, file: string): void {
  const tighten = (path: string, mode: number): void => {
    try {
      if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
    } catch {
      // A -wal or -shm file that is not there has nothing to tighten.
    }
  };
  tighten(dataDir, 0o700);
  for (const suffix of ['', '-wal', '-shm']) tighten(`${file}${suffix}`, 0o600);
}

/**
 * Checks an existing database before a host opens anything else in the directory (the settings
 * store writes config.json as it opens), so a damaged one is reported with the directory as it was.
 */
export function checkExistingDatabase(dataDir: string, file: string, nativeBinding?: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    assertHealthy(db);
  } catch (error) {
    if (codeOf(error) === 'SQLITE_CANTOPEN' && db === undefined) return;
    throw explainDataDirFailure(error, { dataDir, file, ...(nativeBinding ? { nativeBinding } : {}) }) ?? error;
  } finally {
    db?.close();
  }
}
