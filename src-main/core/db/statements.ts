// Statements prepared once per database: the queue, the pipeline and their repositories run the same
// few queries for every run, and preparing one costs more than running it.
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared at its first use. Callers keep one mode per text. */
export function statement<P extends unknown[] | object = unknown[], R = unknown>(
  db: Database,
  sql: string,
): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  // A statement still iterating cannot run again; a fresh one can (never happens on the hot paths).
  if (!stmt || stmt.busy) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt as unknown as Statement<P, R>;
}
