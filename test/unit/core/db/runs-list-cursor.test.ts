import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import {
  createRunTotals,
  listRuns as listRunPage,
  type RunListFilter,
} from '../../../../src-main/core/db/repos/runs-list';
import { usageByStep } from '../../../../src-main/core/db/repos/step-usage';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { createStore } from '../../../../src-main/core/store';
import type { RunTrigger } from '../../../../src-main/core/model/types';
import { makeTempDir } from '../../../helpers/temp-dir';

function storeWithRuns(count: number) {
  const db = new Database(join(makeTempDir(), 'store.db'));
  migrate(db);
  const store = createStore(
    db,
    createEventBus((error) => {
      throw error;
    }),
    () => 1_000,
  );
  db.prepare(
    `INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1), ('t2', 'Backup', 1, 1)`,
  ).run();
  const triggers: RunTrigger[] = ['schedule', 'manual', 'retry'];
  for (let i = 0; i < count; i++) {
    // Every two runs share a queued_at, so the cursor must break ties by id.
    const queuedAt = 10_000 + Math.floor(i / 2) * 1000;
    store.runs.insert(
      {
        id: `r${String(i).padStart(3, '0')}`,
        taskId: i % 2 ? 't2' : 't1',
        trigger: triggers[i % 3]!,
        scheduledFor: queuedAt,
        priority: 1,
      },
      queuedAt,
    );
  }
  return { db, store };
}

const totals = new WeakMap<Database.Database, ReturnType<typeof createRunTotals>>();

function listRuns(db: Database.Database, filter: RunListFilter) {
  if (!totals.has(db)) totals.set(db, createRunTotals(db));
  return listRunPage(db, filter, totals.get(db)!);
}

describe('runs list paging and filters', () => {
  it('pages through every run once by cursor, newest first, ties in id order', () => {
    const { db } = storeWithRuns(25);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = listRuns(db, { limit: 7, offset: 0, cursor });
      expect(page.total).toBe(25);
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.slice(0, 4)).toEqual(['r024', 'r022', 'r023', 'r020']);
  });

  it('keeps the next page in place when a newer run is queued between pages', () => {
    const { db, store } = storeWithRuns(10);
    const first = listRuns(db, { limit: 4, offset: 0 });
    store.runs.insert({ id: 'new', taskId: 't1', trigger: 'manual', scheduledFor: 99_000, priority: 1 }, 99_000);
    const second = listRuns(db, { limit: 4, offset: 0, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.id)).toEqual(['r004', 'r005', 'r002', 'r003']);
  });

  it('keeps a total until a write, by this connection or another, changes it', () => {
    const { db, store } = storeWithRuns(4);
    expect(listRuns(db, { limit: 2, offset: 0 }).total).toBe(4);
    store.runs.insert({ id: 'mine', taskId: 't1', trigger: 'manual', scheduledFor: 1, priority: 1 }, 1);
    expect(listRuns(db, { limit: 2, offset: 0 }).total).toBe(5);
    // A delete committed by another connection moves the stamp too.
    const other = new Database(db.name);
    other.prepare(`DELETE FROM runs WHERE id IN ('r000', 'r001')`).run();
    other.close();
    expect(listRuns(db, { limit: 2, offset: 0 }).total).toBe(3);
    expect(listRuns(db, { limit: 2, offset: 0, status: ['queued'] }).total).toBe(3);
  });

  it('filters by task, status, trigger and queued time together', () => {
    const { db } = storeWithRuns(30);
    const page = listRuns(db, {
      taskId: 't1',
      status: ['queued'],
      trigger: ['schedule', 'manual'],
      fromMs: 12_000,
      toMs: 20_000,
      limit: 50,
      offset: 0,
    });
    // t1 runs are the even ones; queued_at 12,000..19,000 covers r004..r019; every third is a retry.
    expect(page.items.map((r) => r.id)).toEqual(['r018', 'r016', 'r012', 'r010', 'r006', 'r004']);
    expect(page.total).toBe(6);
    expect(page.nextCursor).toBeNull();
  });
});

describe('model usage per step', () => {
  it('sums tokens and cost by the step id recorded with each call, leaving out calls without one', () => {
    const { db, store } = storeWithRuns(1);
    const call = (stepId: string | null, costUsd: number) =>
      store.apiUsage.record(
        {
          provider: 'anthropic',
          model: 'claude',
          operation: 'text',
          inputTokens: 100,
          outputTokens: 10,
          costUsd,
          latencyMs: 5,
          success: true,
          taskId: 't1',
          runId: 'r000',
          metadata: stepId ? { stepId } : {},
        },
        1_000,
      );
    call('draft', 0.25);
    call('draft', 0.5);
    call('verify', 0.125);
    call(null, 9);
    expect(usageByStep(db, 'r000')).toEqual({
      draft: { calls: 2, inputTokens: 200, outputTokens: 20, costUsd: 0.75 },
      verify: { calls: 1, inputTokens: 100, outputTokens: 10, costUsd: 0.125 },
    });
  });
});
