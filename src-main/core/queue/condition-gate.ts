// The run-conditions gate in front of the lease: a run whose task's conditions are not met is held
// with its reason (so queue.status can say why) and released once a later reading meets them.
import type { PowerSource } from '../ports';
import type { Store, TxContext } from '../store';
import { hasConditions, parseConditions, readPower, unmetCondition } from './conditions';

/** While runs are held, the power source is read again this often (the headless host polls the OS). */
export const CONDITION_POLL_MS = 5_000;

/**
 * Inside the lease transaction: holds the run when its task's conditions are not met, recording
 * why. Returns true when it held the run.
 */
export function holdForConditions(
  store: Store,
  tx: TxContext,
  run: { id: string; task_id: string },
  power: PowerSource | undefined,
): boolean {
  if (!power) return false;
  const conditions = parseConditions(store.conditionWaits.taskConditionsJson(run.task_id));
  if (!hasConditions(conditions)) return false;
  const reason = unmetCondition(conditions, readPower(power));
  if (reason === null) return false;
  store.conditionWaits.setReason(run.id, reason);
  const title = store.tasks.get(run.task_id)?.title ?? run.task_id;
  tx.record({ type: 'run:waiting', taskId: run.task_id, runId: run.id, summary: `"${title}": ${reason}` });
  tx.publish('run:updated', { run: store.runs.toApi(store.runs.get(run.id)!) });
  return true;
}

/**
 * Before each lease: held runs whose conditions a fresh reading meets go back to the queue, and a
 * reason that changed (the battery charged from 12 % to 18 %) is rewritten. Returns how many are still held.
 */
export function releaseMetConditions(store: Store, power: PowerSource | undefined): number {
  const waits = store.conditionWaits.list();
  if (waits.length === 0) return 0;
  const reading = power ? readPower(power) : undefined;
  let held = 0;
  store.write(() => {
    store.conditionWaits.clearFinished();
    for (const wait of waits) {
      const reason = reading ? unmetCondition(parseConditions(wait.conditions), reading) : null;
      if (reason !== null) held++;
      if (reason !== wait.reason) store.conditionWaits.setReason(wait.runId, reason);
    }
  });
  return held;
}

/** Reasons of the runs held now, by run id, for queue.status. */
export function conditionReasons(store: Store): Map<string, string> {
  return new Map(store.conditionWaits.list().map((w) => [w.runId, w.reason]));
}

/** Whether any queued run is held: the worker then reads the power source every CONDITION_POLL_MS. */
export function heldForConditions(store: Store): boolean {
  return store.conditionWaits.any();
}
