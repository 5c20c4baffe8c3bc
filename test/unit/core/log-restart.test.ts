// The runtime's checkpoints start the write-ahead log over with a write of their own, so the
// commit after one (a fire's, an API call's) does not sync the log's new header.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_AFTER_MS, COMMITS_PER_CHECKPOINT } from '../../../src-main/core/db/checkpointer';
import { DATABASE_FILE } from '../../../src-main/core/db/open';
import { startHarness } from './approvals/harness';

/** The log's frames, those copied, and the ownership lease's last beat, as another connection reads them. */
function logAndLease(dataDir: string): { frames: number; checkpointed: number; leaseAt: number } {
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    const [row] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
    const leaseAt = db.prepare('SELECT heartbeat_at FROM runtime_owner WHERE id = 1').pluck().get() as number;
    return { frames: row!.log, checkpointed: row!.checkpointed, leaseAt };
  } finally {
    db.close();
  }
}

describe('the runtime after a checkpoint', () => {
  it('starts the log over at once by renewing its ownership lease', async () => {
    const h = await startHarness();
    for (let i = 0; i < COMMITS_PER_CHECKPOINT + 8; i++)
      await h.runtime.api.call('tasks.create', { title: `Chore ${i}` });
    const before = logAndLease(h.dataDir);
    expect(before.frames).toBeGreaterThan(COMMITS_PER_CHECKPOINT);
    h.clock.advance(CHECKPOINT_AFTER_MS + 50);
    await h.runtime.checkpointIdle();
    const after = logAndLease(h.dataDir);
    expect(after.frames).toBeLessThanOrEqual(2);
    // Renewed by the checkpoint, a second after the writes; the scheduler beats every 30 s.
    expect(after.leaseAt).toBeGreaterThan(before.leaseAt);
  });

  it('writes nothing once another process owns the data directory', async () => {
    const h = await startHarness();
    const other = new Database(join(h.dataDir, DATABASE_FILE));
    other.prepare(`UPDATE runtime_owner SET instance_id = 'another-host', heartbeat_at = 1 WHERE id = 1`).run();
    other.close();
    for (let i = 0; i < COMMITS_PER_CHECKPOINT + 8; i++)
      await h.runtime.api.call('tasks.create', { title: `Chore ${i}` });
    h.clock.advance(CHECKPOINT_AFTER_MS + 50);
    await h.runtime.checkpointIdle();
    const after = logAndLease(h.dataDir);
    expect(after.leaseAt).toBe(1);
    // The checkpoint emptied the log and nothing wrote to it since: the frames are the old ones.
    expect(after.frames).toBeGreaterThan(COMMITS_PER_CHECKPOINT);
    expect(after.checkpointed).toBe(after.frames);
  });
});
