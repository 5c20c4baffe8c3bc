// The approvals table: what a halted run asks the user, and what they decided.
import type { Database } from 'better-sqlite3';
import { AppError } from '../../lib/errors';
import { Redactor } from '../../lib/redact';
import { statement } from '../statements';
import { parseJson } from './json';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface Approval {
  id: string;
  runId: string;
  taskId: string;
  stepId: string | null;
  question: string;
  context: Record<string, unknown>;
  status: ApprovalStatus;
  decisionInput: unknown;
  decidedBy: string | null;
  decidedAt: number | null;
  expiresAt: number | null;
  createdAt: number;
}

interface Row {
  id: string;
  run_id: string;
  task_id: string;
  step_id: string | null;
  question: string;
  context: string;
  status: string;
  decision_input: string | null;
  decided_by: string | null;
  decided_at: number | null;
  expires_at: number | null;
  created_at: number;
}

function toApproval(r: Row): Approval {
  return {
    id: r.id,
    runId: r.run_id,
    taskId: r.task_id,
    stepId: r.step_id,
    question: r.question,
    context: parseJson<Record<string, unknown>>(r.context) ?? {},
    status: r.status as ApprovalStatus,
    decisionInput: parseJson(r.decision_input),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  };
}

/** Questions, context and decided input are masked as they are written. */
export function createApprovalsRepo(db: Database, redactor: Redactor = new Redactor()) {
  const getStmt = db.prepare<[string], Row>('SELECT * FROM approvals WHERE id = ?');
  return {
    create(
      a: {
        id: string;
        runId: string;
        taskId: string;
        stepId?: string | null;
        question: string;
        context?: Record<string, unknown>;
        expiresAt?: number | null;
      },
      now: number,
    ): Approval {
      db.prepare(
        'INSERT INTO approvals (id, run_id, task_id, step_id, question, context, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        a.id,
        a.runId,
        a.taskId,
        a.stepId ?? null,
        redactor.text(a.question),
        redactor.json(a.context ?? {}),
        a.expiresAt ?? null,
        now,
      );
      return toApproval(getStmt.get(a.id)!);
    },
    get(id: string): Approval | undefined {
      const row = getStmt.get(id);
      return row && toApproval(row);
    },
    /** Decides a pending approval; deciding one that is no longer pending is a conflict. */
    decide(
      id: string,
      status: Exclude<ApprovalStatus, 'pending'>,
      decidedBy: string,
      decisionInput: unknown,
      now: number,
    ): Approval {
      const result = db
        .prepare(
          `UPDATE approvals SET status = ?, decided_by = ?, decision_input = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
        )
        .run(status, decidedBy, decisionInput === undefined ? null : redactor.json(decisionInput), now, id);
      if (result.changes === 0) {
        const existing = getStmt.get(id);
        if (!existing) throw new AppError('not_found', `Approval ${id} does not exist.`, { id });
        throw new AppError('conflict', `Approval ${id} was already ${existing.status}.`, {
          id,
          status: existing.status,
        });
      }
      return toApproval(getStmt.get(id)!);
    },
    listPending(): Approval[] {
      return db
        .prepare<[], Row>(`SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at`)
        .all()
        .map(toApproval);
    },
    /** Pending approvals whose expires_at has passed, the oldest deadline first. */
    dueToExpire(now: number): string[] {
      return statement(
        db,
        `SELECT id FROM approvals WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at`,
      )
        .pluck()
        .all(now) as string[];
    },
    /** Approvals, newest first; 'pending' lists only those whose run still waits for them. */
    listIds(status: ApprovalStatus | undefined, limit: number): string[] {
      return statement(
        db,
        `SELECT a.id FROM approvals a JOIN runs r ON r.id = a.run_id
     WHERE (@status IS NULL OR a.status = @status) AND (a.status <> 'pending' OR r.status = 'awaiting_approval')
     ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
      )
        .pluck()
        .all({ status: status ?? null, limit }) as string[];
    },
    /** The latest pending approval of a run, for its notification. */
    pendingFor(runId: string): { id: string; question: string; kind: string | null } | undefined {
      return statement<[string], { id: string; question: string; kind: string | null }>(
        db,
        `SELECT id, question, json_extract(context, '$.kind') AS kind FROM approvals
         WHERE run_id = ? AND status = 'pending' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ).get(runId);
    },
  };
}
