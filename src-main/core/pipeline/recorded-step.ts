// A completed step's recorded work (its rollback data), and the tool context that acts on it after
// the step has ended: undoing it when the run is rolled back, or finishing it when the run succeeds.
import type { Checkpoint } from '../db/repos/checkpoints-repo';
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { ToolContext } from '../tools/tool';
import type { RunLog } from './run-log';
import type { RunTask } from './run-task';
import type { RunServices } from './services';

export interface RecordedWork {
  tool: string;
  data: unknown;
}

export function recordedWork(checkpoint: Checkpoint): RecordedWork | undefined {
  const value = checkpoint.rollbackData as Partial<RecordedWork> | null;
  return value && typeof value.tool === 'string' ? { tool: value.tool, data: value.data } : undefined;
}

/** The completed steps of a run that recorded their work, in the order they ran. */
export function stepsWithRecordedWork(
  store: Store,
  runId: string,
): Array<{ checkpoint: Checkpoint; work: RecordedWork }> {
  return store.checkpoints
    .listForRun(runId)
    .filter((c) => c.status === 'complete')
    .flatMap((checkpoint) => {
      const work = recordedWork(checkpoint);
      return work ? [{ checkpoint, work }] : [];
    });
}

export interface RecordedStepContext {
  run: Pick<RunRow, 'id' | 'taskId'>;
  task: RunTask;
  checkpoint: Pick<Checkpoint, 'stepName' | 'role' | 'phase'>;
  services: RunServices;
  clock: Clock;
  log: RunLog;
  signal?: AbortSignal;
}

/** The context a tool is lent to act on a step it completed earlier, metered to the run. */
export function recordedStepContext(c: RecordedStepContext): ToolContext {
  const { project, ...task } = c.task;
  const stepId = c.checkpoint.stepName;
  const usage = c.services.usageMeter(c.run, task, project?.id ?? null);
  return {
    signal: c.signal ?? new AbortController().signal,
    log: (line) => c.log.line(stepId, line),
    clock: c.clock,
    runId: c.run.id,
    taskId: c.run.taskId,
    stepId,
    task,
    project,
    step: {
      ...(c.checkpoint.role ? { role: c.checkpoint.role as 'drafter' | 'verifier' | 'executor' } : {}),
      ...(c.checkpoint.phase ? { phase: c.checkpoint.phase } : {}),
    },
    services: c.services.stepServices(usage).services,
  };
}
