// A usage meter on a real SQLite queue: a task, a run, recorded notifications, settings a test can
// change, and a data directory for the user's prices.json.
import type { Notification } from '../../../../src-main/core/ports';
import { createUsageMeter } from '../../../../src-main/core/cost/meter';
import type { SettingsValues } from '../../../../src-main/core/settings/schema';
import type { ToolTaskInfo, UsageMeter } from '../../../../src-main/core/tools/tool';
import { makeTempDir } from '../../../helpers/temp-dir';
import { addTask, openQueue, queueRun, type Queue } from '../queue/worker-harness';

export interface CostSetup {
  q: Queue;
  dataDir: string;
  taskId: string;
  runId: string;
  task: ToolTaskInfo;
  notifications: Notification[];
  meter: () => UsageMeter;
  /** A meter for another run of another task (spending that is not this task's). */
  otherMeter: () => UsageMeter;
  settings(patch: Partial<SettingsValues>): void;
}

export function costSetup(options: { budgetUsd?: number | null; title?: string } = {}): CostSetup {
  const q = openQueue();
  const dataDir = makeTempDir();
  const title = options.title ?? 'Morning briefing';
  const taskId = addTask(q, { title });
  const budgetUsd = options.budgetUsd ?? null;
  q.store.db.prepare('UPDATE tasks SET budget_usd = ? WHERE id = ?').run(budgetUsd, taskId);
  const runId = queueRun(q, taskId);
  const task: ToolTaskInfo = { id: taskId, title, taskType: 'general', successCriteria: [], budgetUsd };
  const notifications: Notification[] = [];
  const deps = {
    store: q.store,
    clock: q.clock,
    settings: q.settings,
    notifier: { notify: async (n: Notification) => void notifications.push(n) },
    dataDir,
  };
  const otherTaskId = addTask(q, { title: 'Other task' });
  const otherRunId = queueRun(q, otherTaskId);
  const otherTask: ToolTaskInfo = { ...task, id: otherTaskId, title: 'Other task', budgetUsd: null };
  return {
    q,
    dataDir,
    taskId,
    runId,
    task,
    notifications,
    meter: () => createUsageMeter(deps, { id: runId, taskId }, task, null),
    otherMeter: () => createUsageMeter(deps, { id: otherRunId, taskId: otherTaskId }, otherTask, null),
    settings: (patch) => void q.settings.update(patch),
  };
}

/**
 * A call to claude-sonnet-4-5 costing exactly `usd`: reported as its own cost, since whole output
 * tokens at $15 per million cannot make every amount (pricing itself is tested in meter.test.ts).
 */
export function sonnetCall(usd: number) {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    operation: 'llm.generate',
    inputTokens: 0,
    outputTokens: Math.round((usd / 15) * 1_000_000),
    costUsd: usd,
    latencyMs: 5,
    success: true,
  };
}
