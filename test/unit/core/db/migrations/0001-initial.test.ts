import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

const tables = [
  'runtime_owner',
  'projects',
  'tasks',
  'task_dependencies',
  'runs',
  'checkpoints',
  'api_usage',
  'run_logs',
  'approvals',
  'events',
];

function freshDb(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  return db;
}

function seedTaskAndRun(db: Database.Database): void {
  db.prepare(`INSERT INTO projects (id, name, created_at, updated_at) VALUES ('p1', 'Home', 1, 1)`).run();
  db.prepare(
    `INSERT INTO tasks (id, project_id, title, created_at, updated_at) VALUES ('t1', 'p1', 'Brief', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES ('r1', 't1', 'schedule', 100, 1)`,
  ).run();
}

describe('migration 0001 (initial schema)', () => {
  it('migrates an empty database from version 0 to 1 and creates every table of the data model as STRICT', () => {
    const db = freshDb();
    expect(schemaVersion(db)).toBe(0);
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const rows = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
      name: string;
      sql: string;
    }[];
    for (const table of tables) {
      const row = rows.find((r) => r.name === table);
      expect(row, table).toBeDefined();
      expect(row!.sql.trimEnd().endsWith('STRICT'), `${table} is STRICT`).toBe(true);
    }
  });

  it('stores a row in every table and computes api_usage.total_tokens', () => {
    const db = freshDb();
    migrate(db, 1);
    seedTaskAndRun(db);
    db.prepare(`INSERT INTO task_dependencies (task_id, depends_on, created_at) VALUES ('t1', 't1', 1)`);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t2', 'Second', 1, 1)`).run();
    db.prepare(`INSERT INTO task_dependencies (task_id, depends_on, created_at) VALUES ('t2', 't1', 1)`).run();
    db.prepare(
      `INSERT INTO checkpoints (checkpoint_uuid, global_sequence, task_id, run_id, step_index, step_name, phase, role, state_snapshot, created_at)
       VALUES ('c1', 1, 't1', 'r1', 0, 'draft', 'drafting', 'drafter', '{"a":1}', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO api_usage (occurred_at, provider, model, operation, input_tokens, output_tokens, cost_usd, success, run_id)
       VALUES (1, 'anthropic', 'claude', 'draft', 1200, 300, 0.0123, 1, 'r1')`,
    ).run();
    db.prepare(`INSERT INTO run_logs (run_id, stream, message, logged_at) VALUES ('r1', 'stdout', 'hello', 1)`).run();
    db.prepare(
      `INSERT INTO approvals (id, run_id, task_id, question, created_at) VALUES ('a1', 'r1', 't1', 'Merge?', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO events (type, task_id, summary, created_at) VALUES ('task:created', 't1', 'Created', 1)`,
    ).run();
    expect(db.prepare('SELECT total_tokens FROM api_usage').pluck().get()).toBe(1500);
    for (const table of tables.filter((t) => t !== 'runtime_owner')) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(0);
    }
  });

  it('refuses values of the wrong type, unknown statuses, bad JSON and dangling references', () => {
    const db = freshDb();
    migrate(db, 1);
    seedTaskAndRun(db);
    const insertTask = (sql: string): void => void db.prepare(sql).run();
    expect(() =>
      insertTask(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('x', 'T', 'yesterday', 1)`),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      insertTask(`INSERT INTO tasks (id, title, status, created_at, updated_at) VALUES ('x', 'T', 'done', 1, 1)`),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      insertTask(`INSERT INTO tasks (id, title, pipeline, created_at, updated_at) VALUES ('x', 'T', '{oops', 1, 1)`),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      insertTask(`INSERT INTO tasks (id, project_id, title, created_at, updated_at) VALUES ('x', 'nope', 'T', 1, 1)`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      insertTask(`INSERT INTO task_dependencies (task_id, depends_on, created_at) VALUES ('t1', 't1', 1)`),
    ).toThrow(/CHECK constraint failed/);
  });

  it('refuses a second first attempt of the same scheduled occurrence', () => {
    const db = freshDb();
    migrate(db, 1);
    seedTaskAndRun(db);
    const fire = (id: string, trigger: string, attempt = 1): void =>
      void db
        .prepare(
          `INSERT INTO runs (id, task_id, trigger, scheduled_for, attempt, queued_at) VALUES (?, 't1', ?, 100, ?, 2)`,
        )
        .run(id, trigger, attempt);
    expect(() => fire('r2', 'catch_up')).toThrow(/UNIQUE constraint failed/);
    expect(() => fire('r3', 'schedule', 2)).not.toThrow();
    expect(() => fire('r4', 'manual')).not.toThrow();
  });

  it('deletes a task with its runs, checkpoints and logs, but keeps its timeline events and cost history', () => {
    const db = freshDb();
    migrate(db, 1);
    seedTaskAndRun(db);
    db.prepare(`INSERT INTO run_logs (run_id, stream, message, logged_at) VALUES ('r1', 'stdout', 'hello', 1)`).run();
    db.prepare(
      `INSERT INTO api_usage (occurred_at, provider, model, operation, success, task_id, run_id) VALUES (1, 'openai', 'gpt', 'draft', 1, 't1', 'r1')`,
    ).run();
    db.prepare(
      `INSERT INTO events (type, task_id, summary, created_at) VALUES ('task:created', 't1', 'Created', 1)`,
    ).run();
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM run_logs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT task_id, run_id FROM api_usage').get()).toEqual({ task_id: null, run_id: null });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });
});
