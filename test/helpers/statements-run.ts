// Which SQL a piece of code runs: the statements a database prepares from now on record their text
// each time they are read from (get, all, iterate). Repositories prepare some statements when they
// are built: each counts only when it runs.
import type Database from 'better-sqlite3';

/** Records into `ran` the SQL of every statement `db` prepares from now on, each time it is read from. */
export function recordStatementsRun(db: Database.Database, ran: { add(sql: string): unknown }): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const method of ['get', 'all', 'iterate'] as const) {
      const original = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      Object.assign(stmt, {
        [method]: (...args: unknown[]) => {
          ran.add(sql);
          return original(...args);
        },
      });
    }
    return stmt;
  }) as typeof db.prepare;
}
