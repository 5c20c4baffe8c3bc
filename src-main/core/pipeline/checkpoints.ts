// A step's checkpoints: written 'created' before the step runs, completed with its output or failed
// with {reason, error, signals} after; and the lookup that lets a resumed run replay a step.
import type { Checkpoint } from '../db/repos/checkpoints-repo';
import { newId } from '../lib/ids';
import type { Store } from '../store';
import { hashJson } from './hash';

export interface StepSnapshot {
  input: unknown;
  attempt: number;
  output?: unknown;
}

export interface StepFailure {
  reason: string;
  error: string;
  signals: string[];
}

export function beginStep(
  store: Store,
  at: { projectId: string | null; taskId: string; runId: string; stepIndex: number; stepId: string },
  input: unknown,
  inputsHash: string,
  attempt: number,
  now: number,
  /** A write that goes in the same transaction, first: the previous step's completion. */
  before?: () => void,
): Promise<Checkpoint> {
  const snapshot: StepSnapshot = { input, attempt };
  // Group-committed with the other runs' step writes of this turn; the step starts after it is on disk.
  return store.writeSoon(() => {
    before?.();
    return store.checkpoints.create(
      {
        uuid: newId(),
        projectId: at.projectId,
        taskId: at.taskId,
        runId: at.runId,
        stepIndex: at.stepIndex,
        stepName: at.stepId,
        stateSnapshot: snapshot,
        inputsHash,
      },
      now,
    );
  });
}

export function completeStep(store: Store, checkpoint: Checkpoint, output: unknown, now: number): Checkpoint {
  const previous = checkpoint.stateSnapshot as StepSnapshot;
  const snapshot: StepSnapshot = { ...previous, output };
  return store.write(() => store.checkpoints.complete(checkpoint.id, hashJson(output ?? null), snapshot, now));
}

export function failStep(store: Store, checkpoint: Checkpoint, failure: StepFailure, now: number): Checkpoint {
  return store.write(() => store.checkpoints.fail(checkpoint.id, failure, now));
}

/**
 * The completed checkpoint a resumed run can replay for this step: same position, same step id and
 * the same input. A changed input (an edited pipeline) runs the step again.
 */
export function replayableStep(
  checkpoints: readonly Checkpoint[],
  stepIndex: number,
  stepId: string,
  inputsHash: string,
): { output: unknown } | undefined {
  const done = checkpoints.find(
    (c) => c.stepIndex === stepIndex && c.stepName === stepId && c.status === 'complete' && c.inputsHash === inputsHash,
  );
  return done ? { output: (done.stateSnapshot as StepSnapshot | null)?.output ?? null } : undefined;
}
