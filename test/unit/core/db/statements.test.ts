// Chunked writes: rows go in order, in chunks whose statements were prepared up front, so a burst of
// any length never prepares a statement while it fires.
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { inChunks, ROWS_PER_STATEMENT, rowsStatements } from '../../../../src-main/core/db/statements';

describe('inChunks', () => {
  it('writes every row once, in order, in chunks of a power of two up to the statement size', () => {
    for (const length of [0, 1, 2, 3, 63, 64, 65, 100, 255, 1000]) {
      const rows = Array.from({ length }, (_, i) => i);
      const chunks: number[][] = [];
      inChunks(rows, (chunk) => chunks.push([...chunk]));
      expect(chunks.flat()).toEqual(rows);
      for (const chunk of chunks) {
        expect(chunk.length).toBeLessThanOrEqual(ROWS_PER_STATEMENT);
        expect(Number.isInteger(Math.log2(chunk.length))).toBe(true);
      }
    }
  });

  it('splits a remainder into at most one chunk of each smaller size', () => {
    const sizes: number[] = [];
    inChunks(
      Array.from({ length: 64 * 2 + 45 }, () => 0),
      (chunk) => sizes.push(chunk.length),
    );
    expect(sizes).toEqual([64, 64, 32, 8, 4, 1]);
  });
});

describe('rowsStatements', () => {
  it('prepares every chunk size when made, and hands out those statements afterwards', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    const of = rowsStatements(db, { head: 'INSERT INTO t (a, b)', width: 2 });
    const prepare = vi.spyOn(db, 'prepare');
    const rows = Array.from({ length: 77 }, (_, i) => i);
    inChunks(rows, (chunk) => of(chunk.length).run(chunk.flatMap((i) => [i, `row ${i}`])));
    expect(prepare).not.toHaveBeenCalled();
    expect(db.prepare('SELECT group_concat(a) FROM t').pluck().get()).toBe(rows.join(','));
    db.close();
  });
});
