// A step's checkpoints: written 'created' before the step runs (with its phase, role and the drafter
// and verifier ids, and the task's current phase moved along), completed with its output and rollback
// data or failed with {reason, error, signals} after; and the lookup that lets a resumed run replay a step.
import type { Checkpoint, CompletionExtras, NewCheckpoint } from '../db/repos/checkpoints-repo';
import { newId } from '../lib/ids';
import { REDACTED } from '../lib/redact';
import type { Store, TxContext } from '../store';
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

/** What seed 000 records about a step besides its input: phase, role, drafter and verifier ids. */
export interface StepRoles {
  phase: string | null;
  role: string | null;
  drafterAgentId: string | null;
  verifierAgentId: string | null;
}

/** Where a step stands: its run, task and project, and its place in the pipeline. */
export interface StepPosition {
  projectId: string | null;
  taskId: string;
  runId: string;
  stepIndex: number;
  stepId: string;
}

/** A new checkpoint's identity and position, for the step at `at`. */
export function checkpointAt(
  at: StepPosition,
): Pick<NewCheckpoint, 'uuid' | 'projectId' | 'taskId' | 'runId' | 'stepIndex' | 'stepName'> {
  return {
    uuid: newId(),
    projectId: at.projectId,
    taskId: at.taskId,
    runId: at.runId,
    stepIndex: at.stepIndex,
    stepName: at.stepId,
  };
}

/** One attempt of a step about to start. */
export interface StepBeginning {
  at: StepPosition;
  input: unknown;
  inputsHash: string;
  attempt: number;
  now: number;
  /** A write that goes in the same transaction, first: the previous step's completion. */
  before?: (() => void) | undefined;
  roles?: StepRoles;
}

export function beginStep(store: Store, beginning: StepBeginning): Promise<Checkpoint> {
  const { at, input, inputsHash, attempt, now, before, roles } = beginning;
  const snapshot: StepSnapshot = { input, attempt };
  // Group-committed with the other runs' step writes of this turn; the step starts after it is on disk.
  return store.writeSoon((tx) => {
    before?.();
    if (roles?.phase) followPhase(store, tx, at.taskId, roles.phase, now);
    return store.checkpoints.create(
      { ...checkpointAt(at), stateSnapshot: snapshot, inputsHash, ...(roles ?? {}) },
      now,
    );
  });
}

/** The task's current_phase follows the running step's phase; a change is pushed to the board. */
function followPhase(store: Store, tx: TxContext, taskId: string, phase: string, now: number): void {
  const progress = store.tasks.followPhase(taskId, phase, now);
  if (progress) tx.publish('task:progress', { task: progress });
}

/** How a step attempt ended: its output, when, and what the checkpoint keeps besides. */
export interface StepEnding {
  output: unknown;
  now: number;
  extras?: CompletionExtras;
}

export function completeStep(store: Store, checkpoint: Checkpoint, ending: StepEnding): void {
  const { output, now, extras = {} } = ending;
  const previous = checkpoint.stateSnapshot as StepSnapshot;
  const snapshot: StepSnapshot = { ...previous, output };
  // Always called inside the transaction that begins the next step or settles the run.
  store.checkpoints.complete(checkpoint.id, hashJson(output ?? null), snapshot, now, extras);
}

/**
 * A step whose output the uncertainty checks would not let through: failed with the halt, its output
 * (when it has one) kept for the person who decides. Approving completes it with that output.
 */
export function haltStep(
  store: Store,
  checkpoint: Checkpoint,
  ending: StepEnding & { failure: StepFailure },
): Checkpoint {
  const { output, failure, now, extras = {} } = ending;
  const previous = checkpoint.stateSnapshot as StepSnapshot;
  const snapshot: StepSnapshot = output === undefined ? previous : { ...previous, output };
  return store.write(() =>
    store.checkpoints.halt(checkpoint.id, hashJson(output ?? null), snapshot, failure, now, extras),
  );
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
): { output: unknown; work: unknown } | undefined {
  const done = checkpoints.find(
    (c) => c.stepIndex === stepIndex && c.stepName === stepId && c.status === 'complete' && c.inputsHash === inputsHash,
  );
  if (!done) return undefined;
  const output = (done.stateSnapshot as StepSnapshot | null)?.output ?? null;
  // An output that lost a secret to masking cannot stand in for the real one: the step runs again.
  return JSON.stringify(output).includes(REDACTED) ? undefined : { output, work: done.rollbackData };
}
