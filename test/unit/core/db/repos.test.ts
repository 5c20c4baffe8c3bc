import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createApiUsageRepo } from '../../../../src-main/core/db/repos/api-usage-repo';
import { createApprovalsRepo } from '../../../../src-main/core/db/repos/approvals-repo';
import { createCheckpointsRepo } from '../../../../src-main/core/db/repos/checkpoints-repo';
import { createDependenciesRepo } from '../../../../src-main/core/db/repos/dependencies-repo';
import { createRunLogsRepo } from '../../../../src-main/core/db/repos/run-logs-repo';
import { createRunsRepo } from '../../../../src-main/core/db/repos/runs-repo';
import { makeTempDir } from '../../../helpers/temp-dir';

let db: Database.Database;
beforeEach(() => {
  db = new Database(join(makeTempDir(), 'repos.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  for (const id of ['t1', 't2', 't3']) {
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)`).run(id, `Task ${id}`);
  }
});

describe('runs repo', () => {
  it('queues a run, lists a task history newest first, and finishes with a {reason, error, signals} error', () => {
    const runs = createRunsRepo(db);
    runs.insert({ id: 'r1', taskId: 't1', trigger: 'schedule', scheduledFor: 1000, priority: 2 }, 1000);
    runs.insert(
      { id: 'r2', taskId: 't1', trigger: 'manual', scheduledFor: 2000, priority: 1, params: { city: 'Denver' } },
      2000,
    );
    expect(runs.listForTask('t1', 10).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(runs.get('r2')).toMatchObject({ status: 'queued', attempt: 1, params: { city: 'Denver' }, queuedAt: 2000 });
    const failed = runs.finish(
      'r1',
      'halted',
      { reason: 'low_confidence', error: 'Verifier confidence 0.4', signals: ['hedging'] },
      3000,
    );
    expect(failed).toMatchObject({
      status: 'halted',
      finishedAt: 3000,
      error: { reason: 'low_confidence', signals: ['hedging'] },
    });
    runs.addUsage('r2', { costUsd: 0.25, inputTokens: 100, outputTokens: 20 });
    runs.addUsage('r2', { costUsd: 0.5, inputTokens: 1, outputTokens: 2 });
    expect(runs.get('r2')).toMatchObject({ costUsd: 0.75, inputTokens: 101, outputTokens: 22 });
  });
});

describe('checkpoints repo', () => {
  it('chains checkpoints of a run and numbers them globally', () => {
    createRunsRepo(db).insert({ id: 'r1', taskId: 't1', trigger: 'manual', scheduledFor: 1, priority: 1 }, 1);
    const checkpoints = createCheckpointsRepo(db);
    const draft = checkpoints.create(
      {
        uuid: 'c-1',
        projectId: null,
        taskId: 't1',
        runId: 'r1',
        stepIndex: 0,
        stepName: 'draft',
        phase: 'drafting',
        role: 'drafter',
        drafterAgentId: 'claude',
      },
      10,
    );
    checkpoints.complete(draft.id, 'sha-out', { text: 'hello' }, 11);
    const verify = checkpoints.create(
      {
        uuid: 'c-2',
        projectId: null,
        taskId: 't1',
        runId: 'r1',
        stepIndex: 1,
        stepName: 'verify',
        role: 'verifier',
        verifierAgentId: 'groq',
      },
      12,
    );
    checkpoints.fail(verify.id, { reason: 'invalid_output', error: 'bad JSON', signals: [] }, 13);
    const list = checkpoints.listForRun('r1');
    expect(list.map((c) => [c.globalSequence, c.stepName, c.status, c.previousCheckpointId])).toEqual([
      [1, 'draft', 'complete', null],
      [2, 'verify', 'failed', draft.id],
    ]);
    expect(list[0]).toMatchObject({
      outputsHash: 'sha-out',
      stateSnapshot: { text: 'hello' },
      completedAt: 11,
      drafterAgentId: 'claude',
    });
    expect(list[1]?.errorDetails).toEqual({ reason: 'invalid_output', error: 'bad JSON', signals: [] });
  });
});

describe('api usage repo', () => {
  it('sums tokens and cost per run and per task', () => {
    createRunsRepo(db).insert({ id: 'r1', taskId: 't1', trigger: 'manual', scheduledFor: 1, priority: 1 }, 1);
    const usage = createApiUsageRepo(db);
    const base = {
      provider: 'anthropic',
      model: 'claude-sonnet',
      operation: 'draft',
      latencyMs: 900,
      success: true,
      taskId: 't1',
      runId: 'r1',
    };
    usage.record({ ...base, inputTokens: 1000, outputTokens: 200, costUsd: 0.006 }, 1);
    usage.record(
      { ...base, inputTokens: 500, outputTokens: 0, costUsd: 0.0015, success: false, errorMessage: '429' },
      2,
    );
    const totals = usage.totalsForRun('r1');
    expect(totals).toMatchObject({ calls: 2, inputTokens: 1500, outputTokens: 200, totalTokens: 1700 });
    expect(totals.costUsd).toBeCloseTo(0.0075, 10);
    expect(usage.totalsForTask('t2')).toEqual({
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      costUsd: 0,
    });
  });
});

describe('run logs repo', () => {
  it('returns lines after a given id, oldest first', () => {
    createRunsRepo(db).insert({ id: 'r1', taskId: 't1', trigger: 'manual', scheduledFor: 1, priority: 1 }, 1);
    const logs = createRunLogsRepo(db);
    const ids = ['one', 'two', 'three'].map((message, i) =>
      logs.append({ runId: 'r1', stepId: 'fetch', stream: 'stdout', level: 'info', message, loggedAt: i }),
    );
    expect(logs.listForRun('r1').map((l) => l.message)).toEqual(['one', 'two', 'three']);
    expect(logs.listForRun('r1', ids[0]).map((l) => l.message)).toEqual(['two', 'three']);
  });
});

describe('approvals repo', () => {
  it('decides a pending approval once; a second decision is a conflict', () => {
    createRunsRepo(db).insert({ id: 'r1', taskId: 't1', trigger: 'manual', scheduledFor: 1, priority: 1 }, 1);
    const approvals = createApprovalsRepo(db);
    approvals.create(
      { id: 'a1', runId: 'r1', taskId: 't1', question: 'Push the branch?', context: { diff: '+1 -0' } },
      5,
    );
    expect(approvals.listPending().map((a) => a.id)).toEqual(['a1']);
    expect(approvals.decide('a1', 'approved', 'user', { note: 'ok' }, 6)).toMatchObject({
      status: 'approved',
      decidedBy: 'user',
      decisionInput: { note: 'ok' },
      decidedAt: 6,
    });
    expect(() => approvals.decide('a1', 'rejected', 'user', undefined, 7)).toThrow('Approval a1 was already approved.');
    expect(() => approvals.decide('zz', 'rejected', 'user', undefined, 7)).toThrow('Approval zz does not exist.');
    expect(approvals.listPending()).toEqual([]);
  });
});

describe('dependencies repo', () => {
  it('stores edges once and reads them both ways', () => {
    const deps = createDependenciesRepo(db);
    deps.add('t3', 't1', 1);
    deps.add('t3', 't2', 1);
    deps.add('t3', 't2', 2);
    expect(deps.dependenciesOf('t3')).toEqual(['t1', 't2']);
    expect(deps.dependentsOf('t1')).toEqual(['t3']);
    expect(deps.remove('t3', 't1')).toBe(true);
    expect(deps.dependenciesOf('t3')).toEqual(['t2']);
  });
});
