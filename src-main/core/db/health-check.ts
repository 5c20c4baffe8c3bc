// The start-time check of an existing database, split so that it neither delays a host's listening
// nor holds its event loop: what fails at once (a file that is not a database, a live owner) is
// found here before anything else happens, and `PRAGMA quick_check`, which reads every page (about
// 0.6 s at 100,000 runs, growing with the file), runs in a worker thread on its own read-only
// connection while the host loads and listens. Damage is reported as the synchronous check does.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

// Plain CommonJS for `eval`: the worker runs no bundled code, only better-sqlite3.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...workerData.options });
  parentPort.postMessage({ lines: db.pragma(workerData.pragma).map((row) => row.quick_check) });
} catch (error) {
  parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
} finally {
  if (db) db.close();
}
`;

type WorkerAnswer = { lines: string[] } | { error: { message: string; code?: string } };

export interface DatabaseCheck {
  /** Settles with the check: rejects with the paragraph a damaged database gets. */
  checked: Promise<void>;
  /**
   * Resolves once the worker's V8 isolate exists (at once when there is no worker). Creating an
   * isolate resets some process-wide V8 flags to their minimums, which a host may want to set again.
   */
  isolateReady: Promise<void>;
}

function quickCheckInWorker(
  file: string,
  nativeBinding: string | undefined,
): {
  damage: Promise<Error | undefined>;
  online: Promise<void>;
} {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: createRequire(__filename).resolve('better-sqlite3'),
      file,
      pragma: QUICK_CHECK,
      options: nativeBinding ? { nativeBinding } : {},
    },
  });
  const online = new Promise<void>((resolve) => {
    worker.once('online', resolve);
    worker.once('exit', () => resolve());
  });
  const damage = new Promise<Error | undefined>((resolve, reject) => {
    worker.once('message', (answer: WorkerAnswer) => {
      void worker.terminate();
      if ('lines' in answer) return resolve(damageFound(answer.lines));
      resolve(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
    worker.once('error', reject);
  });
  return { damage, online };
}

/**
 * Opens an existing database once, refuses one that is not a database or is owned by a live
 * process, and starts `PRAGMA quick_check` in a worker. The promise rejects with the same
 * paragraph as a damaged database at a synchronous start; nothing in the directory is changed.
 * A missing database (a first start) has nothing to check.
 */
export function checkDatabaseAtStart(options: StartCheckOptions): DatabaseCheck {
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
      return { checked: Promise.resolve(), isolateReady: Promise.resolve() };
    }
    throw explainDataDirFailure(error, where) ?? error;
  } finally {
    db?.close();
  }
  const worker = quickCheckInWorker(file, nativeBinding);
  const checked = worker.damage.then((damage) => {
    if (damage) throw explainDataDirFailure(damage, where) ?? damage;
  });
  // Awaited by the runtime's start later; until then a rejection is not an unhandled one.
  checked.catch(() => undefined);
  return { checked, isolateReady: worker.online };
}
