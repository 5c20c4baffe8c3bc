import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createDependenciesRepo } from '../../../../src-main/core/db/repos/dependencies-repo';
import { AppError } from '../../../../src-main/core/lib/errors';
import {
  dependencyGate,
  dependentsToRelease,
  findCycle,
  setDependencies,
} from '../../../../src-main/core/queue/dependencies';
import { makeTempDir } from '../../../helpers/temp-dir';

let db: Database.Database;
const titles: Record<string, string> = { a: 'Fetch data', b: 'Nightly build', c: 'Deploy', d: 'Report' };
const titleOf = (id: string): string => titles[id] ?? id;
const describeTime = (ms: number): string => `t=${ms}`;

beforeEach(() => {
  db = new Database(join(makeTempDir(), 'deps.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  for (const [id, title] of Object.entries(titles)) {
    db.prepare('INSERT INTO tasks (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)').run(id, title);
  }
});

function edge(taskId: string, dependsOn: string): void {
  createDependenciesRepo(db).add(taskId, dependsOn, 1);
}

let runNumber = 0;
function run(taskId: string, queuedAt: number, status = 'queued', finishedAt: number | null = null): string {
  const id = `r${++runNumber}`;
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, finished_at)
     VALUES (?, ?, 'manual', ?, ?, ?, ?)`,
  ).run(id, taskId, queuedAt, status, queuedAt, finishedAt);
  return id;
}

function errorOf(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (AppError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('findCycle', () => {
  it('finds a self-dependency', () => {
    expect(findCycle(createDependenciesRepo(db), 'a', ['a'])).toEqual(['a', 'a']);
  });

  it('finds a 2-cycle against an existing edge', () => {
    edge('b', 'a');
    expect(findCycle(createDependenciesRepo(db), 'a', ['b'])).toEqual(['a', 'b', 'a']);
  });

  it('finds a 3-cycle through existing edges, in dependency order', () => {
    edge('b', 'c');
    edge('c', 'a');
    expect(findCycle(createDependenciesRepo(db), 'a', ['b'])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not mistake a diamond for a cycle', () => {
    edge('b', 'd');
    edge('c', 'd');
    expect(findCycle(createDependenciesRepo(db), 'a', ['b', 'c'])).toBeNull();
  });

  it('ignores the edges being replaced', () => {
    edge('a', 'b');
    expect(findCycle(createDependenciesRepo(db), 'b', ['c'])).toBeNull();
  });
});

describe('setDependencies', () => {
  it('replaces the dependencies of a task', () => {
    edge('a', 'b');
    setDependencies(createDependenciesRepo(db), { taskId: 'a', dependsOn: ['c', 'd', 'c'], now: 5, titleOf });
    expect(createDependenciesRepo(db).dependenciesOf('a')).toEqual(['c', 'd']);
  });

  it('refuses a cycle and names it by title, writing nothing', () => {
    edge('b', 'c');
    edge('c', 'a');
    edge('a', 'd');
    const error = errorOf(() =>
      setDependencies(createDependenciesRepo(db), { taskId: 'a', dependsOn: ['b'], now: 5, titleOf }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(
      'dependsOn: this would create a cycle: "Fetch data" → "Nightly build" → "Deploy" → "Fetch data"',
    );
    expect(error.details).toMatchObject({ cycle: ['a', 'b', 'c', 'a'], issues: [{ path: 'dependsOn' }] });
    expect(createDependenciesRepo(db).dependenciesOf('a')).toEqual(['d']);
  });

  it('refuses unknown tasks with the index of each one', () => {
    const error = errorOf(() =>
      setDependencies(createDependenciesRepo(db), { taskId: 'a', dependsOn: ['b', 'ghost'], now: 5, titleOf }),
    );
    expect(error.details).toEqual({ issues: [{ path: 'dependsOn[1]', message: 'task ghost does not exist' }] });
  });
});

describe('the release rule', () => {
  beforeEach(() => {
    edge('c', 'a');
    edge('c', 'b');
  });

  it('waits while a dependency has no runs at all or one still running', () => {
    run('a', 100, 'running');
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 50 }, describeTime)).toEqual({
      state: 'waiting',
      on: ['a', 'b'],
    });
  });

  it('is ready once every dependency succeeded after the run was queued', () => {
    run('a', 100, 'succeeded', 200);
    run('b', 100, 'succeeded', 300);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'ready',
    });
  });

  it('does not count a success from before the run was queued', () => {
    run('a', 100, 'succeeded', 120);
    run('b', 100, 'succeeded', 300);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'waiting',
      on: ['a'],
    });
  });

  it('counts a success recorded in the same millisecond the run was queued', () => {
    run('a', 100, 'succeeded', 150);
    run('b', 100, 'succeeded', 150);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'ready',
    });
  });

  it('is blocked when a dependency failed after the run was queued, naming it and when', () => {
    run('a', 100, 'failed', 200);
    run('b', 100, 'timed_out', 210);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'blocked',
      reason: '"Fetch data" failed at t=200; "Nightly build" timed out at t=210',
      on: ['a', 'b'],
    });
  });

  it('waits rather than blocks while a retry of the failed dependency is queued', () => {
    run('a', 100, 'failed', 200);
    run('a', 200, 'queued');
    run('b', 100, 'succeeded', 300);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'waiting',
      on: ['a'],
    });
  });

  it('unblocks automatically when the failed dependency later succeeds', () => {
    run('a', 100, 'failed', 200);
    run('b', 100, 'succeeded', 300);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime).state).toBe(
      'blocked',
    );
    run('a', 400, 'succeeded', 500);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toEqual({
      state: 'ready',
    });
  });

  it('blocks again when a later run of a dependency fails after a success', () => {
    run('a', 100, 'succeeded', 200);
    run('a', 250, 'cancelled', 260);
    run('b', 100, 'succeeded', 300);
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 150 }, describeTime)).toMatchObject({
      state: 'blocked',
      reason: '"Fetch data" was cancelled at t=260',
    });
  });

  it('judges a retry attempt by when its first attempt was queued', () => {
    const first = run('c', 150, 'failed', 400);
    run('a', 100, 'succeeded', 200);
    run('b', 100, 'succeeded', 300);
    expect(
      dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 500, retryOf: first }, describeTime),
    ).toEqual({
      state: 'ready',
    });
    expect(dependencyGate(createDependenciesRepo(db), { taskId: 'c', queuedAt: 500 }, describeTime).state).toBe(
      'waiting',
    );
  });

  it('names the queued runs of direct dependents to re-check when a dependency finishes', () => {
    edge('d', 'c');
    const queued = run('c', 100);
    run('c', 50, 'succeeded', 60);
    run('d', 100);
    expect(dependentsToRelease(createDependenciesRepo(db), 'a')).toEqual([queued]);
    expect(dependentsToRelease(createDependenciesRepo(db), 'd')).toEqual([]);
  });
});
