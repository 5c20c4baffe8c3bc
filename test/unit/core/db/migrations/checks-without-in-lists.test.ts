import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'checks-without-in-lists')!.version;
const REBUILT = ['tasks', 'runs', 'checkpoints', 'run_logs', 'approvals', 'occurrences'];

/** `column IN ('a', 'b', ...)` lists of more than two values in a schema text. */
function inLists(sql: string): Array<{ column: string; values: string[] }> {
  return [...sql.matchAll(/(\w+) IN \(([^()]*)\)/g)]
    .map((m) => ({ column: m[1]!, values: m[2]!.split(',').map((v) => v.trim()) }))
    .filter((list) => list.values.length > 2);
}

function schemaOf(db: Database.Database, table: string) {
  return {
    columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(table),
    indexes: db.prepare(`SELECT name, "unique", partial FROM pragma_index_list(?) ORDER BY name`).all(table),
    triggers: db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`)
      .all(table),
    foreignKeys: db.prepare(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)`).all(table),
  };
}

function filled(): Database.Database {
  const db = new Database(join(makeTempDir(), 'm.db'));
  migrate(db, version - 1);
  db.exec(`
    INSERT INTO tasks (id, title, status, current_phase, schedule_kind, misfire_policy, created_at, updated_at)
      VALUES ('t1', 'Nightly', 'running', 'drafting', 'cron', 'run_all', 1, 2);
    INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, error)
      VALUES ('r1', 't1', 'catch_up', 10, 'awaiting_approval', 11, NULL),
             ('r2', 't1', 'webhook', 20, 'timed_out', 21, '{"code":"timeout"}');
    INSERT INTO checkpoints (checkpoint_uuid, global_sequence, task_id, run_id, step_index, step_name, role, status, created_at)
      VALUES ('c1', 1, 't1', 'r1', 0, 'draft', 'drafter', 'complete', 12);
    INSERT INTO run_logs (run_id, stream, level, message, logged_at) VALUES ('r1', 'system', 'warn', 'slow', 13);
    INSERT INTO approvals (id, run_id, task_id, question, status, created_at) VALUES ('a1', 'r1', 't1', 'Ship?', 'pending', 14);
    INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, run_id, recorded_at)
      VALUES ('t1', 10, 'caught_up', 'asleep', 'r1', 15);
  `);
  return db;
}

/** Whether the table takes `value` in `column`, tried on its first row and undone. */
function accepts(db: Database.Database, table: string, column: string, value: string): boolean {
  db.exec('SAVEPOINT probe');
  try {
    db.prepare(`UPDATE ${table} SET "${column}" = ? WHERE rowid = (SELECT min(rowid) FROM ${table})`).run(value);
    return true;
  } catch (error) {
    expect(String(error)).toMatch(/CHECK constraint failed/);
    return false;
  } finally {
    db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

describe('migration checks-without-in-lists', () => {
  it('keeps every row, column, index, trigger and reference of the rebuilt tables', () => {
    const db = filled();
    const before = REBUILT.map((table) => ({
      schema: schemaOf(db, table),
      rows: db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
    }));
    migrate(db, version);
    const after = REBUILT.map((table) => ({
      schema: schemaOf(db, table),
      rows: db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
    }));
    expect(after).toEqual(before);
    db.pragma('foreign_keys = ON');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.exec(`DELETE FROM tasks WHERE id = 't1'`);
    for (const table of ['runs', 'checkpoints', 'run_logs', 'approvals', 'occurrences'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    db.close();
  });

  it('allows exactly the values the lists allowed, and no others', () => {
    const db = filled();
    const lists = REBUILT.flatMap((table) => {
      const sql = db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`)
        .pluck()
        .get(table) as string;
      return inLists(sql).map((list) => ({ table, ...list }));
    });
    expect(lists.map((l) => `${l.table}.${l.column}`)).toEqual([
      'tasks.status',
      'tasks.current_phase',
      'tasks.schedule_kind',
      'tasks.misfire_policy',
      'runs.trigger',
      'runs.status',
      'checkpoints.role',
      'checkpoints.status',
      'run_logs.stream',
      'run_logs.level',
      'approvals.status',
      'occurrences.outcome',
      'occurrences.cause',
    ]);
    const verdicts = (): boolean[] =>
      lists.flatMap(({ table, column, values }) =>
        [...values.map((v) => v.slice(1, -1)), 'not_a_value', 'QUEUED'].map((v) => accepts(db, table, column, v)),
      );
    const before = verdicts();
    expect(before.filter((ok) => !ok)).toHaveLength(lists.length * 2);
    migrate(db, version);
    expect(verdicts()).toEqual(before);
    db.close();
  });

  it('leaves no list of more than two values in any CHECK or trigger', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db);
    const rows = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND sql IS NOT NULL`)
      .all() as Array<{ name: string; sql: string }>;
    expect(rows.filter((r) => inLists(r.sql).length > 0).map((r) => r.name)).toEqual([]);
    // What the rewrite is for: checking a row no longer builds a temporary index of a list.
    const opcodes = (sql: string) =>
      (db.prepare(`EXPLAIN ${sql}`).all() as Array<{ opcode: string }>).map((op) => op.opcode);
    expect(
      opcodes(`INSERT INTO runs (id, task_id, trigger, scheduled_for, queued_at) VALUES ('r', 't', 'manual', 1, 1)`),
    ).not.toContain('OpenEphemeral');
    expect(opcodes(`UPDATE runs SET status = 'succeeded' WHERE id = 'r'`)).not.toContain('OpenEphemeral');
    db.close();
  });
});
