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
 * The row counts a chunk may have: powers of two up to ROWS_PER_STATEMENT. A burst's last chunk of
 * any length is written as a few of them, so no write prepares a statement for its own odd count.
 */
const CHUNK_SIZES = Array.from({ length: Math.log2(ROWS_PER_STATEMENT) + 1 }, (_, i) => 2 ** i);

/**
 * rowsStatement for `sql` at each row count a chunk may have, all prepared now: a repository made
 * at start pays for them once, not the first fire, and never for a count of its own.
 */
export function rowsStatements<R = unknown>(
  db: Database,
  sql: { head: string; width: number; tail?: string },
): (rows: number) => Statement<unknown[], R> {
  const prepared = new Map(CHUNK_SIZES.map((rows) => [rows, rowsStatement<R>(db, { ...sql, rows })]));
  return (rows) => prepared.get(rows) ?? rowsStatement<R>(db, { ...sql, rows });
}

/**
 * Runs `write` over `rows` in order, in chunks of ROWS_PER_STATEMENT and then of smaller powers of
 * two, each chunk as one statement.
 */
export function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => void): void {
  let i = 0;
  while (i < rows.length) {
    let size = ROWS_PER_STATEMENT;
    while (size > rows.length - i) size /= 2;
    write(rows.slice(i, i + size));
    i += size;
  }
}
