import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { createAgentWorktreesRepo } from '../../../../../src-main/core/db/repos/agent-worktrees-repo';
import { makeTempDir } from '../../../../helpers/temp-dir';

// Found by name: migrations are renumbered when branches meet.
const version = migrations.find((m) => m.name === 'agent-worktrees')!.version;

const worktree = {
  runId: 'r1',
  stepId: 'agent',
  repoDir: '/home/me/app',
  path: '/data/worktrees/r1-agent-1',
  branch: 'aos/chore/abcdef12',
  baseCommit: 'a'.repeat(40),
  createdBranch: true,
  recordedAt: 7,
};

describe('migration agent-worktrees', () => {
  it('keeps every run and adds an empty agent_worktrees table', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, version - 1);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at)
       VALUES ('r1', 't1', 'manual', 5, 'running', 5, 6)`,
    ).run();
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT id, status FROM runs').all()).toEqual([{ id: 'r1', status: 'running' }]);
    expect(db.prepare('SELECT count(*) FROM agent_worktrees').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps a worktree after its run is deleted, refuses the same path twice, and forgets it on remove', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, version);
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    db.prepare(
      `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at) VALUES ('r1', 't1', 'manual', 5, 'running', 5)`,
    ).run();
    const rows = createAgentWorktreesRepo(db);
    const id = rows.insert(worktree);
    expect(() => rows.insert(worktree)).toThrow(/UNIQUE constraint failed: agent_worktrees.path/);
    // A worktree left behind must still be found and removed after its run (or task) was deleted.
    db.prepare(`DELETE FROM tasks WHERE id = 't1'`).run();
    expect(rows.any()).toBe(true);
    expect(rows.list()).toEqual([{ id, ...worktree }]);
    rows.remove(id);
    expect(rows.any()).toBe(false);
    db.close();
  });
});
