import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { createStepProcessesRepo } from '../../../../../src-main/core/db/repos/step-processes-repo';
import { Redactor } from '../../../../../src-main/core/lib/redact';
import { makeTempDir } from '../../../../helpers/temp-dir';

describe('migration 0009 (step processes)', () => {
  it('keeps every run and adds an empty step_processes table', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 8);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at)
       VALUES ('r1', 't1', 'manual', 5, 'running', 5, 6)`,
    ).run();
    migrate(db, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT id, status FROM runs').all()).toEqual([{ id: 'r1', status: 'running' }]);
    expect(db.prepare('SELECT count(*) FROM step_processes').pluck().get()).toBe(0);
    db.close();
  });

  it('stores a group with its start time, refuses a pid of 0, and outlives the deletion of its run', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 9);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'running', 5)`,
    ).run();
    const rows = createStepProcessesRepo(db, new Redactor());
    rows.insert({
      runId: 'r1',
      stepId: 'agent',
      pid: 4242,
      pgid: 4242,
      started: 'linux:boot:123',
      command: 'claude -p fix it',
      recordedAt: 7,
    });
    expect(() =>
      db
        .prepare(
          `INSERT INTO step_processes (run_id, step_id, pid, pgid, started, command, recorded_at) VALUES ('r1', 's', 0, 0, 'x', 'y', 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    // A group left running must still be found and stopped after its run (or task) was deleted.
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    expect(rows.list()).toEqual([
      {
        id: 1,
        runId: 'r1',
        stepId: 'agent',
        pid: 4242,
        pgid: 4242,
        started: 'linux:boot:123',
        command: 'claude -p fix it',
        recordedAt: 7,
      },
    ]);
    db.close();
  });

  it('masks a secret in the recorded command and keeps at most 500 characters of it', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 9);
    const redactor = new Redactor();
    redactor.addSecret('sk-live-123456');
    const rows = createStepProcessesRepo(db, redactor);
    const base = { runId: 'r1', stepId: 's', pid: 10, pgid: 10, started: 'x', recordedAt: 1 };
    rows.insert({ ...base, command: `curl -H key:sk-live-123456 ${'a'.repeat(1000)}` });
    const [row] = rows.list();
    expect(row!.command).not.toContain('sk-live');
    expect(row!.command.length).toBeLessThanOrEqual(500);
    db.close();
  });
});
