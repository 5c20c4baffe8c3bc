// A stamp that moves whenever the database may have changed: a row written by this connection, or
// a commit by any other. A read that costs a scan (a count over a million runs) keeps its answer
// under the stamp and reads again only after a write.
import type { Database } from 'better-sqlite3';

export function createChangeStamp(db: Database): () => string {
  const stamp = db
    .prepare<[], string>(`SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version())`)
    .pluck();
  return () => stamp.get()!;
}

/** Answers kept under one stamp; every one is dropped when the stamp moves. */
export function createStampedMemo<T>(db: Database, limit = 64) {
  const stampNow = createChangeStamp(db);
  let stamp = '';
  const answers = new Map<string, T>();
  return function remembered(key: string, read: () => T): T {
    const now = stampNow();
    if (now !== stamp) {
      answers.clear();
      stamp = now;
    }
    if (answers.has(key)) return answers.get(key)!;
    const answer = read();
    if (answers.size >= limit) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
