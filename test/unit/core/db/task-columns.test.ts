import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { newTaskColumns, taskFields, type TaskColumns } from '../../../../src-main/core/db/repos/task-columns';
import { createTasksRepo } from '../../../../src-main/core/db/repos/tasks-repo';
import { makeTempDir } from '../../../helpers/temp-dir';

function openDb(): Database.Database {
  const db = new Database(join(makeTempDir(), 'tasks.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare(`INSERT INTO projects (id, name, created_at, updated_at) VALUES ('p1', 'Site', 1, 1)`).run();
  return db;
}

// A value for every writable field that differs from a new task's, so a column written or read
// under the wrong name shows up as a difference.
const changed: TaskColumns = {
  projectId: 'p1',
  title: 'Nightly report',
  description: 'Sums up the day',
  taskType: 'report',
  priority: 3,
  status: 'scheduled',
  currentPhase: 'drafting',
  pipeline: '{"steps":[{"id":"a","uses":"wait","with":{"ms":0}}]}',
  scheduleKind: 'cron',
  scheduleExpr: '30 8 * * 1-5',
  scheduleTimezone: 'America/Denver',
  misfirePolicy: 'skip',
  misfireGraceMs: 60_000,
  paused: 1,
  pausedReason: 'needs the anthropic_api_key secret',
  timeoutMs: 5_000,
  concurrencyKey: 'reports',
  maxConcurrentRuns: 2,
  overlapPolicy: 'queue',
  retryPolicy: '{"maxAttempts":3}',
  notificationPolicy: '{"onSuccess":true}',
  budgetUsd: 2.5,
  successCriteria: '["mentions the date"]',
  tags: '["reports","daily"]',
  deadlineAt: 1_800_000_000_000,
  estimatedHours: 1.5,
  params: '{"day":"today"}',
  conditions: '{"acPower":true}',
  wakeToRun: 1,
};

describe('the tasks column list', () => {
  it('gives every writable field a value different from a new task, in this test', () => {
    const fresh = newTaskColumns();
    expect(Object.keys(changed).sort()).toEqual([...taskFields].sort());
    for (const field of taskFields) expect(changed[field], field).not.toEqual(fresh[field]);
  });

  it('writes and reads back every field under its own column, on insert and on update', () => {
    const repo = createTasksRepo(openDb());
    repo.insert('t1', changed, 10);
    expect(repo.columns('t1')).toEqual(changed);
    const reset = { ...newTaskColumns(), title: 'Renamed' };
    repo.update('t1', reset, 20);
    expect(repo.columns('t1')).toEqual(reset);
    const task = repo.get('t1')!;
    expect(task.updatedAt).toBe(new Date(20).toISOString());
    expect(task.createdAt).toBe(new Date(10).toISOString());
  });
});
