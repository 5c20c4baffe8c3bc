// Rolling a run back: the completed steps that recorded rollback data (file writes, git) are undone
// by their tool's rollback(), newest first, each checkpoint then marked 'rolled_back' with a timeline
// event. Only a run that ended without doing its job (failed, rejected, cancelled, timed out, halted)
// can be rolled back. The first step that cannot be undone stops the rollback, and the error names it:
// undoing an earlier step under a later one that stayed could leave things worse than either state.
import type { RollbackResult, RollbackStep } from '../model/types';
import type { Clock } from '../lib/clock';
import { AppError, errorText, notFound } from '../lib/errors';
import type { Store } from '../store';
import { createRunLog } from './run-log';
import { loadRunTask } from './run-task';
import type { RunServices } from './services';
import { recordedStepContext, stepsWithRecordedWork } from './recorded-step';

export interface RollbackDeps {
  store: Store;
  clock: Clock;
  /** The services runs lend their tools: an undo is lent the same, metered to the run. */
  services: RunServices;
}

/** Run statuses a rollback is offered for. A run awaiting approval is rejected first (which fails it). */
export const ROLLBACK_ELIGIBLE = ['failed', 'cancelled', 'timed_out', 'halted'] as const;

/** Undoes a run's undoable steps, newest first; resolves with what was undone. */
export async function rollbackRun(deps: RollbackDeps, runId: string): Promise<RollbackResult> {
  const { store, clock } = deps;
  const run = store.runs.get(runId);
  if (!run) throw notFound('Run', runId);
  if (!(ROLLBACK_ELIGIBLE as readonly string[]).includes(run.status)) {
    const hint = run.status === 'awaiting_approval' ? ' Reject its approval first.' : '';
    throw new AppError(
      'conflict',
      `Run ${runId} is ${run.status}; only a failed, rejected, cancelled, timed-out or halted run can be rolled back.${hint}`,
      { id: runId, status: run.status },
    );
  }
  // Newest first: a later step's work may stand on an earlier one's.
  const steps = stepsWithRecordedWork(store, runId).reverse();
  if (steps.length === 0) {
    throw new AppError('conflict', `Run ${runId} has no completed step that can be undone.`, { id: runId });
  }
  const loaded = loadRunTask(store, run.taskId);
  if (!loaded) throw notFound('Task', run.taskId);
  const log = createRunLog(store, clock, runId);
  const done: RollbackStep[] = [];
  try {
    for (const { checkpoint, work: rollback } of steps) {
      const stepId = checkpoint.stepName;
      const tool = deps.services.findTool(rollback.tool);
      try {
        if (!tool?.rollback) throw new Error(`the tool ${rollback.tool} cannot undo what it did`);
        const context = recordedStepContext({ run, task: loaded, checkpoint, services: deps.services, clock, log });
        await tool.rollback(rollback.data, context);
      } catch (error) {
        const cause = errorText(error);
        log.line(stepId, { stream: 'system', level: 'error', message: `Could not undo step ${stepId}: ${cause}` });
        store.write((tx) =>
          tx.record({
            type: 'run:rollback_failed',
            taskId: run.taskId,
            runId,
            summary: `Could not undo step ${stepId} (${rollback.tool}): ${cause}`,
            payload: { stepId, tool: rollback.tool, undone: done.map((d) => d.stepId) },
          }),
        );
        const before = done.length > 0 ? ` Undone before it: ${done.map((d) => d.stepId).join(', ')}.` : '';
        throw new AppError(
          'conflict',
          `Step ${stepId} (${rollback.tool}) could not be undone: ${cause}.${before} Earlier steps were left as they are.`,
          { id: runId, stepId, tool: rollback.tool, undone: done.map((d) => d.stepId), error: cause },
        );
      }
      store.write((tx) => {
        store.checkpoints.markRolledBack(checkpoint.id);
        tx.record({
          type: 'step:rolled_back',
          taskId: run.taskId,
          runId,
          summary: `Undid step ${stepId} (${rollback.tool})`,
          payload: { stepId, tool: rollback.tool, checkpointId: checkpoint.id },
        });
      });
      log.line(stepId, { stream: 'system', message: `Step ${stepId}: rolled back` });
      done.push({ stepId, tool: rollback.tool, status: 'rolled_back' });
    }
    store.write((tx) => {
      tx.record({
        type: 'run:rolled_back',
        taskId: run.taskId,
        runId,
        summary: `Rolled back ${done.length} step${done.length === 1 ? '' : 's'}: ${done.map((d) => d.stepId).join(', ')}`,
        payload: { steps: done.map((d) => d.stepId) },
      });
      tx.publish('run:updated', { run: store.runs.toApi(store.runs.get(runId)!) });
    });
    return { runId, steps: done };
  } finally {
    log.flush();
  }
}
