// better-sqlite3 builds SQLite with a 16 MB page cache per connection, which a host that fired
// 10,000 schedules filled and kept for good. Ridgeline's connection keeps 3 MB.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseFile, PAGE_CACHE_SIZE } from '../../../../src-main/core/db/open';
import { makeTempDir } from '../../../helpers/temp-dir';

const KIB = 1024;

describe('the page cache of the runtime connection', () => {
  it('is 3 MB, where a plain better-sqlite3 connection would take 16 MB', () => {
    const file = join(makeTempDir(), 'cache.db');
    const plain = new Database(file);
    expect(plain.pragma('cache_size', { simple: true })).toBeLessThanOrEqual(-16_000);
    plain.close();
    const db = openDatabaseFile(file);
    try {
      expect(PAGE_CACHE_SIZE).toBe(-3 * KIB);
      expect(db.pragma('cache_size', { simple: true })).toBe(PAGE_CACHE_SIZE);
    } finally {
      db.close();
    }
  });
});
