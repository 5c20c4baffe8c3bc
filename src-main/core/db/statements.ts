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

/** The rows written per statement by rowsStatement's callers. */
export const ROWS_PER_STATEMENT = 64;

/**
 * The statement `head VALUES (?, ...), ... tail` for `rows` rows of `width` values, prepared once per
 * row count: one statement writes a whole chunk of a burst, where a statement per row cost as much
 * again in calls as SQLite spent writing.
 */
export function rowsStatement<R = unknown>(
  db: Database,
  sql: { head: string; width: number; rows: number; tail?: string },
): Statement<unknown[], R> {
  const row = `(${new Array<string>(sql.width).fill('?').join(', ')})`;
  return statement<unknown[], R>(
    db,
    `${sql.head} VALUES ${new Array<string>(sql.rows).fill(row).join(', ')} ${sql.tail ?? ''}`,
  );
}

/**
 * rowsStatement for `sql` at any row count, with the statements for one row and for a full chunk
 * prepared now: a repository made at start pays for the sizes every fire writes, not the first fire.
 */
export function rowsStatements<R = unknown>(
  db: Database,
  sql: { head: string; width: number; tail?: string },
): (rows: number) => Statement<unknown[], R> {
  const of = (rows: number): Statement<unknown[], R> => rowsStatement<R>(db, { ...sql, rows });
  of(1);
  of(ROWS_PER_STATEMENT);
  return of;
}

/** Runs `write` over `rows` in chunks of ROWS_PER_STATEMENT, each chunk as one statement. */
export function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => void): void {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) write(rows.slice(i, i + ROWS_PER_STATEMENT));
}
