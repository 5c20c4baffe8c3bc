import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Run, RunStatus } from '../../../../src-main/core/model/types';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createNotificationCentre, type NotificationCentre } from '../../../../src-main/core/notify/centre';
import { databaseFacts } from '../../../../src-main/core/notify/facts';
import { createApprovalsRepo } from '../../../../src-main/core/db/repos/approvals-repo';
import { createRunsRepo } from '../../../../src-main/core/db/repos/runs-repo';
import { createTasksRepo } from '../../../../src-main/core/db/repos/tasks-repo';
import type { Notification, SettingsValues } from '../../../../src-main/core/ports';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';
import { memorySettings } from '../../../helpers/test-runtime';

// A real database holds the tasks, runs and approvals the centre reads. The host notifier records
// what it is given: the OS side is tested against a real D-Bus server in notifications-dbus.test.ts.
const at = (iso: string): number => Date.parse(iso);
const DAY_JAN = at('2026-01-15T18:00:00Z'); // 11:00 AM MST
const NIGHT_JAN = at('2026-01-15T05:30:00Z'); // 10:30 PM MST

let db: Database.Database;
let clock: FakeClock;
let shown: Notification[];
let logLines: string[];
let redactor: Redactor;

function centreWith(values: Partial<SettingsValues> = {}): NotificationCentre {
  return createNotificationCentre({
    clock,
    settings: memorySettings(values),
    logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor, now: () => clock.now() }),
    redactor,
    notifier: { notify: async (n) => void shown.push(n) },
    facts: databaseFacts({
      tasks: createTasksRepo(db),
      runs: createRunsRepo(db),
      approvals: createApprovalsRepo(db),
    }),
  });
}

function task(id: string, title: string, policy = '{}'): void {
  db.prepare('INSERT INTO tasks (id, title, notification_policy, created_at, updated_at) VALUES (?, ?, ?, 1, 1)').run(
    id,
    title,
    policy,
  );
}

function run(
  id: string,
  taskId: string,
  status: RunStatus,
  extra: { attempt?: number; retryOf?: string; error?: string; startedAt?: number; finishedAt?: number } = {},
): Run {
  db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, attempt, retry_of, queued_at, started_at, finished_at, error)
     VALUES (?, ?, 'manual', 0, ?, ?, ?, 0, ?, ?, ?)`,
  ).run(
    id,
    taskId,
    status,
    extra.attempt ?? 1,
    extra.retryOf ?? null,
    extra.startedAt ?? null,
    extra.finishedAt ?? null,
    extra.error ? JSON.stringify({ reason: 'step_failed', error: extra.error, signals: [] }) : null,
  );
  return {
    id,
    taskId,
    trigger: 'manual',
    scheduledFor: new Date(0).toISOString(),
    status,
    attempt: extra.attempt ?? 1,
    queuedAt: new Date(0).toISOString(),
    startedAt: extra.startedAt === undefined ? null : new Date(extra.startedAt).toISOString(),
    finishedAt: extra.finishedAt === undefined ? null : new Date(extra.finishedAt).toISOString(),
    error: extra.error ? { reason: 'step_failed', error: extra.error, signals: [] } : null,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
}

function approval(id: string, runId: string, kind: 'approval_step' | 'uncertainty', question: string): void {
  db.prepare(
    `INSERT INTO approvals (id, run_id, task_id, question, context, created_at) VALUES (?, ?, 't1', ?, ?, 1)`,
  ).run(id, runId, question, JSON.stringify({ kind }));
}

const updated = (r: Run) => ({ event: 'run:updated' as const, data: { run: r } });

beforeEach(() => {
  db = new Database(join(makeTempDir(), 'centre.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  clock = new FakeClock(DAY_JAN);
  shown = [];
  logLines = [];
  redactor = new Redactor();
  task('t1', 'Morning briefing');
});

describe('run events become notifications', () => {
  it('tells of a failed run with its task, time and error, and carries the run and task ids', () => {
    const centre = centreWith();
    centre.handle(updated(run('r1', 't1', 'failed', { error: 'exit code 2', finishedAt: DAY_JAN - 60_000 })));
    expect(shown).toEqual([
      { title: 'Morning briefing failed · 10:59 AM MST', body: 'exit code 2', runId: 'r1', taskId: 't1' },
    ]);
  });

  it('waits for the last attempt of a failure that queued a retry', () => {
    const centre = centreWith();
    const first = run('r1', 't1', 'failed', { error: 'timeout' });
    run('r2', 't1', 'queued', { attempt: 2, retryOf: 'r1' });
    centre.handle(updated(first));
    expect(shown).toEqual([]);
    centre.handle(updated(run('r3', 't1', 'failed', { attempt: 3, error: 'timeout' })));
    expect(shown.map((n) => n.title)).toEqual(['Morning briefing failed after 3 attempts · 11:00 AM MST']);
  });

  it('says nothing of queued, running and cancelled runs', () => {
    const centre = centreWith();
    for (const [id, status] of [
      ['q', 'queued'],
      ['r', 'running'],
      ['c', 'cancelled'],
    ] as const)
      centre.handle(updated(run(id, 't1', status)));
    expect(shown).toEqual([]);
  });

  it('shows a success only when the settings or the task ask for it', () => {
    task('t2', 'Digest', '{"onSuccess":true}');
    const centre = centreWith();
    centre.handle(updated(run('r1', 't1', 'succeeded', { startedAt: DAY_JAN - 5000, finishedAt: DAY_JAN })));
    centre.handle(updated(run('r2', 't2', 'succeeded', { startedAt: DAY_JAN - 5000, finishedAt: DAY_JAN })));
    expect(shown).toEqual([
      { title: 'Digest ready · 11:00 AM MST', body: 'Finished in 5 s.', runId: 'r2', taskId: 't2' },
    ]);
  });

  it("drops a failure when the task's policy says onFailure: false", () => {
    task('t2', 'Noisy', '{"onFailure":false}');
    const centre = centreWith();
    centre.handle(updated(run('r1', 't2', 'failed', { error: 'boom' })));
    expect(shown).toEqual([]);
  });

  it('logs a task policy it cannot read once, and follows the settings instead', () => {
    task('t2', 'Odd', '{"onFailure":"never"}');
    const centre = centreWith();
    centre.handle(updated(run('r1', 't2', 'failed', { error: 'a' })));
    clock.advance(120_000);
    centre.handle(updated(run('r2', 't2', 'failed', { error: 'b' })));
    expect(shown.map((n) => n.runId)).toEqual(['r1', 'r2']);
    const warnings = logLines.filter((l) => l.includes('notification policy were ignored'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('notificationPolicy.onFailure: must be true or false');
  });

  it('asks the question of an approval step when a run awaits approval', () => {
    const centre = centreWith();
    const waiting = run('r1', 't1', 'awaiting_approval');
    approval('a1', 'r1', 'approval_step', 'Send the email to 40 people?');
    centre.handle(updated(waiting));
    expect(shown).toEqual([
      {
        title: 'Morning briefing needs your approval · 11:00 AM MST',
        body: 'Send the email to 40 people?',
        runId: 'r1',
        taskId: 't1',
        approvalId: 'a1',
      },
    ]);
  });

  it('tells a run its own checks stopped as halted, with why', () => {
    const centre = centreWith();
    const waiting = run('r1', 't1', 'awaiting_approval', { error: 'the verifier rejected the draft' });
    approval('a1', 'r1', 'uncertainty', 'Continue with this output?');
    centre.handle(updated(waiting));
    expect(shown).toEqual([
      {
        title: 'Morning briefing halted · 11:00 AM MST',
        body: 'step_failed: the verifier rejected the draft. It waits for your decision before it goes on.',
        runId: 'r1',
        taskId: 't1',
        approvalId: 'a1',
      },
    ]);
  });

  it('tells one run update published twice once, and a later approval of the same run again', () => {
    const centre = centreWith();
    const waiting = run('r1', 't1', 'awaiting_approval');
    approval('a1', 'r1', 'approval_step', 'First?');
    centre.handle(updated(waiting));
    centre.handle(updated(waiting));
    db.prepare(`UPDATE approvals SET status = 'approved' WHERE id = 'a1'`).run();
    approval('a2', 'r1', 'approval_step', 'Second?');
    clock.advance(60_000);
    centre.handle(updated(waiting));
    expect(shown.map((n) => n.body)).toEqual(['First?', 'Second?']);
  });
});

describe('notifications sent by the rest of the runtime', () => {
  it('pass the settings per kind', async () => {
    const centre = centreWith({ notifications: { ...memorySettings().get().notifications, budget_warning: false } });
    await centre.notifier.notify({ kind: 'budget_warning', title: 'Budget 80% used', body: '$8 of $10', taskId: 't1' });
    await centre.notifier.notify({ kind: 'missed_runs', title: 'Missed runs', body: '2 runs missed' });
    expect(shown).toEqual([{ title: 'Missed runs', body: '2 runs missed' }]);
  });

  it('mask registered secrets in the title and body', async () => {
    redactor.addSecret('sk-live-123456');
    const centre = centreWith();
    await centre.notifier.notify({ title: 'Key sk-live-123456', body: 'used sk-live-123456 twice' });
    expect(shown).toEqual([{ title: 'Key [redacted]', body: 'used [redacted] twice' }]);
  });

  it('coalesce a burst of failures into one summary', () => {
    const centre = centreWith();
    for (let i = 0; i < 10; i++) {
      task(`b${i}`, `Task ${i}`);
      centre.handle(updated(run(`rb${i}`, `b${i}`, 'failed', { error: 'down' })));
    }
    clock.advance(60_000);
    expect(shown.map((n) => n.title)).toEqual(['Task 0 failed · 11:00 AM MST', '10 runs failed in the last minute']);
    expect(shown[1]).toMatchObject({ body: 'Task 0, Task 1, Task 2 and 7 more', runId: 'rb9', taskId: 'b9' });
  });
});

describe('quiet hours', () => {
  const quiet = { quietHours: { enabled: true, start: '22:00', end: '07:00' } };

  it('holds failures overnight and summarises them when quiet hours end at 7:00 AM MST', () => {
    clock = new FakeClock(NIGHT_JAN);
    task('t2', 'Backup');
    const centre = centreWith(quiet);
    centre.handle(updated(run('r1', 't1', 'failed', { error: 'a' })));
    clock.advance(3600_000);
    centre.handle(updated(run('r2', 't2', 'failed', { error: 'b' })));
    expect(shown).toEqual([]);
    // 10:30 PM + 8 h 29 min = 6:59 AM: still quiet.
    clock.advance(7 * 3600_000 + 29 * 60_000);
    expect(shown).toEqual([]);
    clock.advance(60_000);
    expect(shown).toEqual([
      {
        title: 'While quiet hours were on: 2 notifications',
        body: 'From 10:30 PM to 7:00 AM MST. 2 runs failed: Morning briefing, Backup.',
        runId: 'r2',
        taskId: 't2',
      },
    ]);
  });

  it('shows one held notification as itself when quiet hours end', () => {
    clock = new FakeClock(NIGHT_JAN);
    const centre = centreWith(quiet);
    centre.handle(updated(run('r1', 't1', 'failed', { error: 'a' })));
    clock.advance(9 * 3600_000);
    expect(shown.map((n) => n.title)).toEqual(['Morning briefing failed · 10:30 PM MST']);
  });

  it('shows approvals and scheduler stalls at once during quiet hours', async () => {
    clock = new FakeClock(NIGHT_JAN);
    const centre = centreWith(quiet);
    const waiting = run('r1', 't1', 'awaiting_approval');
    approval('a1', 'r1', 'approval_step', 'Go on?');
    centre.handle(updated(waiting));
    await centre.notifier.notify({ kind: 'scheduler_stalled', title: 'Scheduler stalled', body: 'restarted' });
    expect(shown.map((n) => n.title)).toEqual([
      'Morning briefing needs your approval · 10:30 PM MST',
      'Scheduler stalled',
    ]);
  });

  it('releases what it held when the machine wakes after quiet hours, before the next notification', async () => {
    clock = new FakeClock(NIGHT_JAN);
    const centre = centreWith(quiet);
    centre.handle(updated(run('r1', 't1', 'failed', { error: 'a' })));
    // The machine slept through the morning: no timer ran, the wall clock moved on.
    clock.jumpTo(at('2026-01-15T16:00:00Z'));
    await centre.notifier.notify({ kind: 'missed_runs', title: 'Missed runs', body: '3 runs missed' });
    expect(shown.map((n) => n.title)).toEqual(['Morning briefing failed · 10:30 PM MST', 'Missed runs']);
  });

  it('does not show what quiet hours held when Ridgeline stops, and leaves no timer', () => {
    clock = new FakeClock(NIGHT_JAN);
    const centre = centreWith(quiet);
    centre.handle(updated(run('r1', 't1', 'failed', { error: 'a' })));
    centre.stop();
    expect(shown).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
    expect(logLines.some((l) => l.includes('held for quiet hours were not shown'))).toBe(true);
  });
});
