// tasks.runNow joins the group commit: a script or an agent starting many runs in one turn writes
// them in one commit. Each commit appends every page it touched to the write-ahead log, so the
// log's growth counts the commits (the fake clock never lets the checkpointer empty it).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

/** A WAL frame: a 24-byte header and one 4 KiB page. */
const FRAME_BYTES = 24 + 4096;
const RUNS = 40;

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const logFrames = (): number => statSync(join(t.dataDir, `${DATABASE_FILE}-wal`)).size / FRAME_BYTES;

describe('tasks.runNow in a burst', () => {
  it('queues the runs asked for in one turn in one commit, each run resolving after it', async () => {
    t = await startedTestRuntime();
    const pipeline = { steps: [{ id: 'pause', uses: 'wait', with: { ms: 0 } }] };
    const tasks: string[] = [];
    for (let i = 0; i < 4; i++) {
      tasks.push((await t.runtime.api.call('tasks.create', { title: `Burst ${i}`, pipeline })).id);
    }
    await t.runtime.api.call('runs.list', {});
    const before = logFrames();

    const runs = await Promise.all(
      Array.from({ length: RUNS }, (_, i) => t.runtime.api.call('tasks.runNow', { id: tasks[i % 4]! })),
    );

    // One commit per run wrote a dozen pages each (the run, its timeline event and their indexes).
    expect(logFrames() - before).toBeLessThan(RUNS);
    expect(new Set(runs.map((r) => r.id)).size).toBe(RUNS);
    const queued = await t.runtime.api.call('runs.list', { status: ['queued'], limit: 100 });
    expect(queued.items.map((r) => r.id).sort()).toEqual(runs.map((r) => r.id).sort());
  });

  it('still refuses an unknown task alone, queueing the others asked for in the same turn', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Kept', pipeline: { steps: [] } });
    const [kept, missing] = await Promise.allSettled([
      t.runtime.api.call('tasks.runNow', { id: task.id }),
      t.runtime.api.call('tasks.runNow', { id: 'no-such-task' }),
    ]);
    expect(kept.status).toBe('fulfilled');
    expect(missing).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
    const queued = await t.runtime.api.call('runs.list', { status: ['queued'] });
    expect(queued.items.map((r) => r.taskId)).toEqual([task.id]);
  });
});
