// Group commit (store.writeSoon): the writes queued in one turn commit together, and a failing
// write is rolled back alone, with its push events, while the others commit and publish once.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../src-main/core/api/contract';
import { migrate } from '../../../src-main/core/db/migrate';
import { createEventBus } from '../../../src-main/core/events/bus';
import { createStore, type Store } from '../../../src-main/core/store';
import { makeTempDir } from '../../helpers/temp-dir';

let db: Database.Database;
let store: Store;
let pushed: PushMessage[];

beforeEach(() => {
  db = new Database(join(makeTempDir(), 'store.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const bus = createEventBus((error) => {
    throw error;
  });
  pushed = [];
  bus.subscribe((message) => pushed.push(message));
  store = createStore(db, bus, () => 1_000);
});

const titles = (): string[] => db.prepare('SELECT title FROM tasks ORDER BY title').pluck().all() as string[];
const timeline = (): string[] => db.prepare('SELECT summary FROM events ORDER BY id').pluck().all() as string[];

/** A write that inserts a task, records it on the timeline and publishes it; counts how often it ran. */
function addTask(id: string, ran: Map<string, number>) {
  return store.writeSoon((tx) => {
    ran.set(id, (ran.get(id) ?? 0) + 1);
    db.prepare('INSERT INTO tasks (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)').run(id, id);
    tx.record({ type: 'task:created', taskId: id, summary: `Created ${id}` });
    tx.publish('task:deleted', { id });
    return id;
  });
}

describe('store.writeSoon', () => {
  it('commits the writes of one turn together, after the turn, each resolving with its own value', async () => {
    const ran = new Map<string, number>();
    const writes = [addTask('a', ran), addTask('b', ran), addTask('c', ran)];
    expect(titles()).toEqual([]);
    expect(await Promise.all(writes)).toEqual(['a', 'b', 'c']);
    expect(titles()).toEqual(['a', 'b', 'c']);
    expect(timeline()).toEqual(['Created a', 'Created b', 'Created c']);
    expect(pushed.map((m) => m.data)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect([...ran.values()]).toEqual([1, 1, 1]);
  });

  it('rolls back a failing write alone: the others commit and publish once, the failure rejects', async () => {
    const ran = new Map<string, number>();
    const first = addTask('a', ran);
    const failing = store.writeSoon((tx) => {
      db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('x', 'x', 1, 1)`).run();
      tx.record({ type: 'task:created', taskId: 'x', summary: 'Created x' });
      tx.publish('task:deleted', { id: 'x' });
      throw new Error('the write x failed');
    });
    const writes = [first, failing, addTask('b', ran)];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('the write x failed'));
    expect(titles()).toEqual(['a', 'b']);
    expect(timeline()).toEqual(['Created a', 'Created b']);
    expect(pushed.map((m) => m.data)).toEqual([{ id: 'a' }, { id: 'b' }]);
    // The batch was tried whole, rolled back, and run again write by write.
    expect(ran.get('a')).toBe(2);
    expect(ran.get('b')).toBe(1);
  });

  it('rejects every write of a batch the database refuses as a whole, and loses none of the next', async () => {
    const ran = new Map<string, number>();
    const blocker = new Database(join(store.db.name));
    blocker.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    const refused = await Promise.allSettled([addTask('a', ran), addTask('b', ran)]);
    expect(refused.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(await addTask('c', ran)).toBe('c');
    expect(titles()).toEqual(['c']);
    expect(pushed.map((m) => m.data)).toEqual([{ id: 'c' }]);
  });
});
