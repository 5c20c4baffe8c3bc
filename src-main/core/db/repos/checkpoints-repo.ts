// The checkpoints table (seed 000): one row per pipeline step, written before the step runs and
// completed after, chained to the run's previous checkpoint, numbered by a global sequence.
import type { Database } from 'better-sqlite3';
import { Redactor } from '../../lib/redact';
import { parseJson } from './json';

export type CheckpointStatus = 'created' | 'complete' | 'failed' | 'rolled_back';

export interface Checkpoint {
  id: number;
  checkpointUuid: string;
  globalSequence: number;
  taskId: string;
  runId: string;
  stepIndex: number;
  stepName: string;
  phase: string | null;
  role: string | null;
  stateSnapshot: unknown;
  inputsHash: string | null;
  outputsHash: string | null;
  drafterAgentId: string | null;
  verifierAgentId: string | null;
  status: CheckpointStatus;
  errorDetails: unknown;
  previousCheckpointId: number | null;
  /** What the step's tool recorded to undo it: `{ tool, data }`. */
  rollbackData: unknown;
  createdAt: number;
  completedAt: number | null;
}

/** What a step learnt as it ran: the agent ids known from its output, and how to undo it. */
export interface CompletionExtras {
  drafterAgentId?: string | null;
  verifierAgentId?: string | null;
  rollbackData?: unknown;
}

interface Row {
  id: number;
  checkpoint_uuid: string;
  global_sequence: number;
  task_id: string;
  run_id: string;
  step_index: number;
  step_name: string;
  phase: string | null;
  role: string | null;
  state_snapshot: string | null;
  inputs_hash: string | null;
  outputs_hash: string | null;
  drafter_agent_id: string | null;
  verifier_agent_id: string | null;
  status: string;
  error_details: string | null;
  previous_checkpoint_id: number | null;
  rollback_data: string | null;
  created_at: number;
  completed_at: number | null;
}

function toCheckpoint(r: Row): Checkpoint {
  return {
    id: r.id,
    checkpointUuid: r.checkpoint_uuid,
    globalSequence: r.global_sequence,
    taskId: r.task_id,
    runId: r.run_id,
    stepIndex: r.step_index,
    stepName: r.step_name,
    phase: r.phase,
    role: r.role,
    stateSnapshot: parseJson(r.state_snapshot),
    inputsHash: r.inputs_hash,
    outputsHash: r.outputs_hash,
    drafterAgentId: r.drafter_agent_id,
    verifierAgentId: r.verifier_agent_id,
    status: r.status as CheckpointStatus,
    errorDetails: parseJson(r.error_details),
    previousCheckpointId: r.previous_checkpoint_id,
    rollbackData: parseJson(r.rollback_data),
    createdAt: r.created_at,
    completedAt: r.completed_at,
  };
}

export interface NewCheckpoint {
  uuid: string;
  projectId: string | null;
  taskId: string;
  runId: string;
  stepIndex: number;
  stepName: string;
  phase?: string | null;
  role?: string | null;
  stateSnapshot?: unknown;
  inputsHash?: string | null;
  drafterAgentId?: string | null;
  verifierAgentId?: string | null;
}

/** Snapshots, outputs, error details and rollback data are masked as they are serialised. */
export function createCheckpointsRepo(db: Database, redactor: Redactor = new Redactor()) {
  // Prepared once: every step of every run writes a checkpoint and completes it.
  const getStmt = db.prepare<[number], Row>('SELECT * FROM checkpoints WHERE id = ?');
  // The next global sequence and the run's latest checkpoint, in one read: the unique sequence index
  // and checkpoints_by_run (run_id, global_sequence, migration 0005) answer both without a sort.
  const chainStmt = db.prepare<[string], { sequence: number; previous: number | null }>(
    `SELECT (SELECT coalesce(max(global_sequence), 0) + 1 FROM checkpoints) AS sequence,
       (SELECT id FROM checkpoints WHERE run_id = ? ORDER BY global_sequence DESC LIMIT 1) AS previous`,
  );
  const insertStmt = db.prepare(
    `INSERT INTO checkpoints (checkpoint_uuid, global_sequence, project_id, task_id, run_id, step_index, step_name, phase, role,
     state_snapshot, inputs_hash, drafter_agent_id, verifier_agent_id, previous_checkpoint_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const completeStmt = db.prepare(
    `UPDATE checkpoints SET status = ?, outputs_hash = ?, state_snapshot = ?, completed_at = ?,
     drafter_agent_id = coalesce(?, drafter_agent_id), verifier_agent_id = coalesce(?, verifier_agent_id),
     rollback_data = coalesce(?, rollback_data), error_details = ? WHERE id = ?`,
  );
  const json = (value: unknown): string | null => (value === undefined ? null : redactor.json(value));
  const listStmt = db.prepare<[string], Row>('SELECT * FROM checkpoints WHERE run_id = ? ORDER BY global_sequence');
  return {
    /**
     * Writes a 'created' checkpoint, chained to the run's latest one. Every step of every run writes
     * one, so the row returned is built from what was written rather than read back.
     */
    create(c: NewCheckpoint, now: number): Checkpoint {
      const snapshot = c.stateSnapshot === undefined ? null : redactor.json(c.stateSnapshot);
      const { sequence, previous } = chainStmt.get(c.runId)!;
      const result = insertStmt.run(
        c.uuid,
        sequence,
        c.projectId,
        c.taskId,
        c.runId,
        c.stepIndex,
        c.stepName,
        c.phase ?? null,
        c.role ?? null,
        snapshot,
        c.inputsHash ?? null,
        c.drafterAgentId ?? null,
        c.verifierAgentId ?? null,
        previous,
        now,
      );
      return {
        id: Number(result.lastInsertRowid),
        checkpointUuid: c.uuid,
        globalSequence: sequence,
        taskId: c.taskId,
        runId: c.runId,
        stepIndex: c.stepIndex,
        stepName: c.stepName,
        phase: c.phase ?? null,
        role: c.role ?? null,
        stateSnapshot: parseJson(snapshot),
        inputsHash: c.inputsHash ?? null,
        outputsHash: null,
        drafterAgentId: c.drafterAgentId ?? null,
        verifierAgentId: c.verifierAgentId ?? null,
        status: 'created',
        errorDetails: null,
        previousCheckpointId: previous,
        rollbackData: null,
        createdAt: now,
        completedAt: null,
      };
    },
    complete(
      id: number,
      outputsHash: string,
      stateSnapshot: unknown,
      now: number,
      extras: CompletionExtras = {},
    ): void {
      completeStmt.run(
        'complete',
        outputsHash,
        redactor.json(stateSnapshot),
        now,
        extras.drafterAgentId ?? null,
        extras.verifierAgentId ?? null,
        json(extras.rollbackData),
        null,
        id,
      );
    },
    /**
     * A step whose output came back but may not be trusted: failed with the halt's error details, its
     * output kept in the snapshot for the person who decides (and for the run if they approve it).
     */
    halt(
      id: number,
      outputsHash: string,
      stateSnapshot: unknown,
      errorDetails: unknown,
      now: number,
      extras: CompletionExtras = {},
    ): Checkpoint {
      completeStmt.run(
        'failed',
        outputsHash,
        redactor.json(stateSnapshot),
        now,
        extras.drafterAgentId ?? null,
        extras.verifierAgentId ?? null,
        json(extras.rollbackData),
        redactor.json(errorDetails),
        id,
      );
      return toCheckpoint(getStmt.get(id)!);
    },
    /** An undone step: kept in the history, no longer replayed. */
    markRolledBack(id: number): Checkpoint {
      db.prepare(`UPDATE checkpoints SET status = 'rolled_back' WHERE id = ?`).run(id);
      return toCheckpoint(getStmt.get(id)!);
    },
    get(id: number): Checkpoint | undefined {
      const row = getStmt.get(id);
      return row && toCheckpoint(row);
    },
    fail(id: number, errorDetails: unknown, now: number): Checkpoint {
      db.prepare(`UPDATE checkpoints SET status = 'failed', error_details = ?, completed_at = ? WHERE id = ?`).run(
        redactor.json(errorDetails),
        now,
        id,
      );
      return toCheckpoint(getStmt.get(id)!);
    },
    listForRun(runId: string): Checkpoint[] {
      return listStmt.all(runId).map(toCheckpoint);
    },
  };
}
