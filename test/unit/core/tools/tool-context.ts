// Builds a ToolContext for tool tests: records log lines, real clock unless a fake one is given.
import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../../../../src-main/core/lib/clock';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { defaultSettings } from '../../../../src-main/core/settings/schema';
import type { Notification, SettingsValues } from '../../../../src-main/core/ports';
import { ToolError, type ToolContext, type ToolLogLine, type UsageEntry } from '../../../../src-main/core/tools/tool';

export function testContext(
  options: {
    clock?: Clock;
    signal?: AbortSignal;
    onLog?: (line: ToolLogLine) => void;
    secrets?: Record<string, string>;
    project?: ToolContext['project'];
    settings?: Partial<SettingsValues>;
    beforeCall?: ToolContext['services']['usage']['beforeCall'];
  } = {},
) {
  const lines: ToolLogLine[] = [];
  const notifications: Notification[] = [];
  const usage: UsageEntry[] = [];
  const rollbacks: unknown[] = [];
  const createdTasks: unknown[] = [];
  // As the runtime's does once the secrets are known: their values are masked in what tools cut.
  const redactor = new Redactor();
  for (const value of Object.values(options.secrets ?? {})) redactor.addSecret(value);
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
    task: { id: 'task-1', title: 'Test task', taskType: 'general', successCriteria: [], budgetUsd: null },
    project: options.project ?? null,
    step: {},
    services: {
      settings: () => ({ ...defaultSettings(), ...options.settings }),
      secret: async (name) => options.secrets?.[name],
      masker: redactor,
      notify: async (n) => void notifications.push(n),
      createTask: async (input) => {
        createdTasks.push(input);
        return { id: `task-${createdTasks.length + 1}`, title: String((input as { title?: unknown }).title) };
      },
      usage: {
        beforeCall: options.beforeCall ?? (() => undefined),
        record: (entry) => (usage.push(entry), entry.costUsd ?? 0),
      },
      recordRollback: (data) => void rollbacks.push(data),
    },
  };
  return {
    context,
    notifications,
    usage,
    rollbacks,
    createdTasks,
    redactor,
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

/** The ToolError a tool call failed with; anything else (success, another error) fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ToolError.isInstance(error)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}
