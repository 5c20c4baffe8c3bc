// Writes down each process group a step waits on (step_processes), with its leader's start time,
// and removes the row once the group is gone. Rows left by a host that died are what recovery
// stops at the next start (queue/leftover-processes.ts).
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import { createStepProcessesRepo } from '../db/repos/step-processes-repo';
import { processStartTime } from '../tools/process-identity';
import type { StepProcessRecorder } from '../tools/tool';

export function createStepProcessRecorder(store: Store, clock: Clock): StepProcessRecorder {
  const rows = createStepProcessesRepo(store.db, store.redactor);
  return {
    started({ runId, stepId, pid, command }) {
      // No start time: the process has already exited, or the platform cannot tell a recycled pid
      // apart (Windows), and a row recovery could not check would never be acted on.
      const started = processStartTime(pid);
      if (started === undefined) return () => undefined;
      // On POSIX a step's command leads its own group (shell.exec spawns it detached).
      const id = store.write(() =>
        rows.insert({ runId, stepId, pid, pgid: pid, started, command: command.join(' '), recordedAt: clock.now() }),
      );
      return () => store.write(() => rows.remove(id));
    },
  };
}
