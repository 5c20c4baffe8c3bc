import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name, since migrations written at the same time are numbered when they are merged.
const version = migrations.find((m) => m.name === 'deadlines-progress-context')!.version;

describe('migration deadlines-progress-context (deadline notices, progress log, shared context)', () => {
  function migratedWithTaskAndRun(): Database.Database {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(
      `INSERT INTO tasks (id, title, deadline_at, created_at, updated_at) VALUES ('t1', 'Report', 50, 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'queued', 5)`,
    ).run();
    migrate(db, version);
    db.pragma('foreign_keys = ON');
    return db;
  }

  it('keeps existing tasks and runs, and starts with no notices, progress or context', () => {
    const db = migratedWithTaskAndRun();
    expect(db.prepare(`SELECT title, deadline_at FROM tasks`).get()).toEqual({ title: 'Report', deadline_at: 50 });
    for (const table of ['deadline_alerts', 'task_progress', 'task_context_versions']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    db.close();
  });

  it('refuses a context that is not a JSON object and a percent outside 0 to 100', () => {
    const db = migratedWithTaskAndRun();
    const context = db.prepare(
      `INSERT INTO task_context_versions (task_id, version, document, created_at) VALUES ('t1', ?, ?, 1)`,
    );
    context.run(1, '{"seen":3}');
    expect(() => context.run(2, '[1]')).toThrow(/CHECK constraint failed/);
    expect(() => context.run(1, '{}')).toThrow(/UNIQUE constraint failed/);
    const progress = db.prepare(
      `INSERT INTO task_progress (task_id, run_id, percent, message, created_at) VALUES ('t1', 'r1', ?, 'm', 1)`,
    );
    progress.run(100);
    expect(() => progress.run(101)).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it("keeps a task's progress and context when the run that wrote them is deleted, and drops them with the task", () => {
    const db = migratedWithTaskAndRun();
    db.prepare(`INSERT INTO task_progress (task_id, run_id, message, created_at) VALUES ('t1', 'r1', 'half', 1)`).run();
    db.prepare(
      `INSERT INTO task_context_versions (task_id, version, document, run_id, created_at) VALUES ('t1', 1, '{}', 'r1', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO deadline_alerts (task_id, deadline_at, kind, fired_at) VALUES ('t1', 50, 'overdue', 51)`,
    ).run();
    db.prepare(`DELETE FROM runs`).run();
    expect(db.prepare(`SELECT run_id FROM task_progress`).pluck().get()).toBeNull();
    expect(db.prepare(`SELECT run_id FROM task_context_versions`).pluck().get()).toBeNull();
    db.prepare(`DELETE FROM tasks`).run();
    for (const table of ['deadline_alerts', 'task_progress', 'task_context_versions']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    db.close();
  });
});
