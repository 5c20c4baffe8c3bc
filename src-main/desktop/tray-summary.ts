// Reads the tray's task summary from the runtime API: counts only, from the tasks table, so the
// tray never keeps a second copy of task state.
import type { RuntimeApi } from '../core/runtime';
import type { TraySummary } from './tray-menu';

type Call = RuntimeApi['call'];

export async function loadTraySummary(call: Call): Promise<TraySummary> {
  // limit 1: only each page's total is needed.
  const [all, running, needsAttention, paused] = await Promise.all([
    call('tasks.list', { limit: 1 }),
    call('tasks.list', { limit: 1, status: ['running'] }),
    call('tasks.list', { limit: 1, status: ['halted', 'failed'] }),
    call('tasks.list', { limit: 1, paused: true }),
  ]);
  return { tasks: all.total, running: running.total, needsAttention: needsAttention.total, paused: paused.total };
}
