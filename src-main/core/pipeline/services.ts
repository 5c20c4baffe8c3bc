// The services a run lends its tools (ToolContext.services): settings, secrets (masked wherever
// they would be written), notifications, follow-up tasks, usage metering and rollback records.
// The runtime builds them once; the worker's runs and a rollback borrow the same.
import type { RunRow } from '../db/repos/runs-repo';
import type { Redactor } from '../lib/redact';
import type { Notifier, SecretStore, Settings } from '../ports';
import type { StepWorktreeRecorder } from '../tools/worktree-types';
import {
  ToolError,
  type StepProcessRecorder,
  type TaskMemoryService,
  type Tool,
  type ToolServices,
  type ToolTaskInfo,
  type UsageMeter,
} from '../tools/tool';

/** The run a step belongs to, as its usage meter sees it (none for a step tested on its own). */
export type MeteredRun = { id: RunRow['id'] | null; taskId: RunRow['taskId'] | null };

export interface RunServiceDeps {
  settings: Settings;
  secrets: SecretStore;
  notifier: Notifier;
  redactor: Redactor;
  /** The tools by name: the built-ins and those of the configured MCP servers. */
  findTool: (name: string) => Tool | undefined;
  /** A step's usage meter: api_usage rows, the run's cost, budgets (cost/meter.ts). */
  usageMeter: (run: MeteredRun, task: ToolTaskInfo, projectId: string | null) => UsageMeter;
  /** Creates a task through the API (validated like any tasks.create call). */
  createTask: (input: unknown) => Promise<{ id: string; title: string }>;
  /** Records the process groups steps wait on (pipeline/step-processes.ts). */
  processes?: StepProcessRecorder;
  /** The tasks' progress logs and shared contexts (pipeline/task-memory.ts). */
  memory?: TaskMemoryService;
  /** Records coding agents' worktrees (pipeline/agent-worktrees.ts). */
  worktrees?: StepWorktreeRecorder;
  /** The contexts of a step's approved approvals in a run. */
  approvedContexts?(runId: string, stepId: string): unknown[];
}

export interface StepServices {
  services: ToolServices;
  /** What the step asked to record for its rollback, if anything. */
  rollback(): unknown;
}

/** What the runtime lends every run, built once. */
export interface RunServices {
  readonly settings: Settings;
  findTool(name: string): Tool | undefined;
  /** A step's usage meter, shared by its attempts (a new step reads an edited price table). */
  usageMeter(run: MeteredRun, task: ToolTaskInfo, projectId: string | null): UsageMeter;
  /** The services of one attempt of a step, metered by `usage`. */
  stepServices(usage: UsageMeter): StepServices;
}

export function createRunServices(deps: RunServiceDeps): RunServices {
  return {
    settings: deps.settings,
    findTool: (name) => deps.findTool(name),
    usageMeter: (run, task, projectId) => deps.usageMeter(run, task, projectId),
    stepServices: (usage) => createStepServices(deps, usage),
  };
}

function createStepServices(deps: RunServiceDeps, usage: UsageMeter): StepServices {
  let rollback: unknown;
  return {
    rollback: () => rollback,
    services: {
      settings: () => deps.settings.get(),
      async secret(name) {
        const value = await deps.secrets.get(name);
        if (value) deps.redactor.addSecret(value);
        return value;
      },
      masker: deps.redactor,
      notify: (notification) =>
        deps.notifier.notify({
          ...notification,
          title: deps.redactor.text(notification.title),
          body: deps.redactor.text(notification.body),
        }),
      // A follow-up task is stored as given: a secret a step read must not become part of it.
      createTask: (input) => deps.createTask(input === undefined ? input : deps.redactor.strings(input)),
      usage,
      recordRollback(data) {
        if (rollback !== undefined) throw new ToolError('permanent', 'A step can record its rollback data only once');
        rollback = data;
      },
      ...(deps.processes ? { processes: deps.processes } : {}),
      ...(deps.memory ? { memory: deps.memory } : {}),
      ...(deps.worktrees ? { worktrees: deps.worktrees } : {}),
      ...(deps.approvedContexts ? { grantedPermissions: deps.approvedContexts } : {}),
    },
  };
}
