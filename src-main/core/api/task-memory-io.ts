// Inputs and outputs of the calls that read a task's memory between runs: its progress log and its
// shared context with the versions runs wrote, and the reset of that context.
import { z } from 'zod';

const id = z.string().min(1, 'is required').max(100);

export const taskProgressListInput = z.object({
  taskId: id,
  /** Only what this run recorded. */
  runId: id.optional(),
  /** The newest entries, at most this many, returned oldest first. */
  limit: z.number().int().min(1).max(500).default(100),
});

export const taskContextInput = z.object({
  taskId: id,
  /** How many versions to return, newest first. */
  versions: z.number().int().min(1).max(100).default(10),
});

export const taskContextResetInput = z.object({ taskId: id });

export interface ProgressEntryView {
  id: number;
  runId: string | null;
  stepId: string | null;
  percent: number | null;
  message: string;
  createdAt: string;
}

export interface TaskProgressLog {
  taskId: string;
  items: ProgressEntryView[];
}

export interface ContextVersionView {
  version: number;
  document: Record<string, unknown>;
  /** The run and step that wrote it; null for a reset. */
  runId: string | null;
  stepId: string | null;
  createdAt: string;
}

export interface TaskContextView {
  taskId: string;
  /** The newest version: what the task's next run reads as `${context.…}`; null before any write. */
  current: ContextVersionView | null;
  versions: ContextVersionView[];
}
