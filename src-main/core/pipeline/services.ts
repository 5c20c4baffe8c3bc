// The services a run lends its tools (ToolContext.services): settings, secrets (masked wherever
// they would be written), notifications, follow-up tasks, usage metering and rollback records.
import type { Redactor } from '../lib/redact';
import type { Notifier, SecretStore, Settings } from '../ports';
import { ToolError, type StepProcessRecorder, type ToolServices, type UsageMeter } from '../tools/tool';

export interface RunServiceDeps {
  settings: Settings;
  secrets: SecretStore;
  notifier: Notifier;
  redactor: Redactor;
  /** Creates a task through the API (validated like any tasks.create call). */
  createTask: (input: unknown) => Promise<{ id: string; title: string }>;
  /** Records the process groups steps wait on (pipeline/step-processes.ts). */
  processes?: StepProcessRecorder;
}

export interface StepServices {
  services: ToolServices;
  /** What the step asked to record for its rollback, if anything. */
  rollback(): unknown;
}

export function createStepServices(deps: RunServiceDeps, usage: UsageMeter): StepServices {
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
    },
  };
}
