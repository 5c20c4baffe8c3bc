// The start-time check of an existing database, split so that it neither delays a host's listening
// nor holds its event loop: what fails at once (a file that is not a database, a live owner) is
// found here before anything else happens, and `PRAGMA quick_check`, which reads every page (about
// 0.6 s at 100,000 runs, growing with the file), runs in a short-lived child process on its own
// read-only connection while the host loads and listens. A worker thread did the same, but its V8
// heap and its thread's malloc heap left about 3 MB behind in the host for good, and the peak held
// its 16 MB page cache too; a process gives everything back when it exits. Damage is reported as
// the synchronous check does.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { damageFound, explainDataDirFailure, QUICK_CHECK } from './data-dir';
import { inUseError, ownerIsLive, readOwner } from './ownership';

export interface StartCheckOptions {
  dataDir: string;
  file: string;
  nativeBinding?: string;
  now: number;
  /** Names the holder's start time in the refusal of a directory in use. */
  displayTimezone: string;
}

// Plain CommonJS for `node -e`: the child runs no bundled code, only better-sqlite3. Its answer is
// one line of JSON on stdout.
const CHECK_SOURCE = `
const [file, modulePath, pragma, nativeBinding] = process.argv.slice(1);
let db;
let answer;
try {
  const Database = require(modulePath);
  db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  answer = { lines: db.pragma(pragma).map((row) => row.quick_check) };
} catch (error) {
  answer = { error: { message: String(error && error.message), code: error && error.code } };
} finally {
  if (db) db.close();
}
process.stdout.write(JSON.stringify(answer));
`;

type CheckAnswer = { lines: string[] } | { error: { message: string; code?: string } };

/** Settles with what quick_check found (undefined for nothing), or rejects when it could not run. */
function quickCheckInChild(file: string, nativeBinding: string | undefined): Promise<Error | undefined> {
  const module = createRequire(__filename).resolve('better-sqlite3');
  const child = spawn(process.execPath, ['-e', CHECK_SOURCE, file, module, QUICK_CHECK, nativeBinding ?? ''], {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  // A host that exits first takes its check with it.
  const stop = (): void => void child.kill();
  process.once('exit', stop);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      process.off('exit', stop);
      reject(error);
    });
    child.once('close', (code, signal) => {
      process.off('exit', stop);
      let answer: CheckAnswer;
      try {
        answer = JSON.parse(out) as CheckAnswer;
      } catch {
        const why = signal ? `was ended by ${signal}` : `exited with code ${code}`;
        return reject(new Error(`The database check ${why} before answering.${err ? ` ${err.trim()}` : ''}`));
      }
      if ('lines' in answer) return resolve(damageFound(answer.lines));
      resolve(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
  });
}

/**
 * Opens an existing database once, refuses one that is not a database or is owned by a live
 * process, and starts `PRAGMA quick_check` in a child process. The promise rejects with the same
 * paragraph as a damaged database at a synchronous start; nothing in the directory is changed.
 * A missing database (a first start) has nothing to check.
 */
export function checkDatabaseAtStart(options: StartCheckOptions): Promise<void> {
  const { dataDir, file, nativeBinding } = options;
  const where = { dataDir, file, ...(nativeBinding ? { nativeBinding } : {}) };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const hasOwnerTable = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'runtime_owner'`).get() !== undefined;
    const holder = hasOwnerTable ? readOwner(db) : undefined;
    if (holder && ownerIsLive(holder, options.now)) throw inUseError(holder, dataDir, options.displayTimezone);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CANTOPEN' && db === undefined) {
      return Promise.resolve();
    }
    throw explainDataDirFailure(error, where) ?? error;
  } finally {
    db?.close();
  }
  const checked = quickCheckInChild(file, nativeBinding).then((damage) => {
    if (damage) throw explainDataDirFailure(damage, where) ?? damage;
  });
  // Awaited by the runtime's start later; until then a rejection is not an unhandled one.
  checked.catch(() => undefined);
  return checked;
}
