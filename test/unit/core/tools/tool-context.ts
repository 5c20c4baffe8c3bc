// Builds a ToolContext for tool tests: records log lines, real clock unless a fake one is given.
import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../../../../src-main/core/lib/clock';
import type { ToolContext, ToolLogLine } from '../../../../src-main/core/tools/tool';

export function testContext(
  options: { clock?: Clock; signal?: AbortSignal; onLog?: (line: ToolLogLine) => void } = {},
) {
  const lines: ToolLogLine[] = [];
  const context: ToolContext = {
    signal: options.signal ?? new AbortController().signal,
    log: (line) => {
      lines.push(line);
      options.onLog?.(line);
    },
    clock: options.clock ?? systemClock,
    runId: 'run-1',
    taskId: 'task-1',
    stepId: 'build',
  };
  return {
    context,
    lines,
    messages: (stream: ToolLogLine['stream']) => lines.filter((l) => l.stream === stream).map((l) => l.message),
  };
}

/**
 * True once `pid` has exited. An exited process whose parent died stays a zombie until PID 1 reaps
 * it, and PID 1 in some containers never does; a zombie runs no code, so it counts as gone.
 */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    throw error;
  }
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
