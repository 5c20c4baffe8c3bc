// What a run moves on its task (its status, the running step's phase, the last error), pushed as
// 'task:progress' instead of the whole task: each run moves its task twice, and a whole task is
// read with its pipeline, dependencies and the hours of all its runs.
import type { Phase } from './pipeline';
import type { TaskStatus } from './types';

export interface TaskProgress {
  id: string;
  status: TaskStatus;
  currentPhase: Phase | null;
  lastError: string | null;
  updatedAt: string;
}
