// How a run ends, as the executor reports it and the run state machine records it.
import type { ApprovalSignal, ApprovalSubject, RunError } from './types';

/**
 * How a failure should be treated: retryable ones (network, timeouts, rate limits, server
 * errors, a failed command by default) may be tried again; permanent ones fail the run at once;
 * 'halt' stops the run for a person to decide (uncertainty, a budget about to be crossed).
 */
export type FailureKind = 'retryable' | 'permanent' | 'timeout' | 'cancelled' | 'halt';

/** What the approval keeps besides its question: enough for the board to show and for a resume. */
export interface ApprovalContext {
  kind: 'uncertainty' | 'approval_step';
  signals: ApprovalSignal[];
  step: { id: string; uses: string; role: string | null; phase: string | null };
  /** The halted step's output; absent when the step failed without one (a budget, invalid output). */
  output?: unknown;
  /** The context an approval.request step gave with its question. */
  details?: unknown;
  /** What the person is asked to judge, found when the run parks (pipeline/approval-subject.ts). */
  subject?: ApprovalSubject | null;
}

export interface ApprovalRequest {
  stepId: string;
  question: string;
  context: ApprovalContext;
  expiresAt: number;
}

export type RunOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; kind: FailureKind; error: RunError }
  | { status: 'timed_out'; error: RunError }
  | { status: 'cancelled'; error: RunError }
  /** Stopped by a shutdown: back to the queue, to resume from its checkpoints at the next start. */
  | { status: 'interrupted' }
  /** Halted by the uncertainty checks or an approval step: waits for a person (queue/transitions.ts, parkForApproval). */
  | { status: 'awaiting_approval'; error: RunError; approval: ApprovalRequest };
