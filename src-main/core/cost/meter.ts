// A run's usage meter: every LLM or coding-agent call becomes an api_usage row, and its tokens and
// cost are added to the run.
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { ToolTaskInfo, UsageEntry, UsageMeter } from '../tools/tool';

export interface MeterDeps {
  store: Store;
  clock: Clock;
}

export function createUsageMeter(
  deps: MeterDeps,
  run: Pick<RunRow, 'id' | 'taskId'>,
  _task: ToolTaskInfo,
  projectId: string | null,
): UsageMeter {
  const { store, clock } = deps;
  return {
    beforeCall() {},
    record(entry: UsageEntry) {
      const costUsd = entry.costUsd ?? 0;
      store.write(() => {
        store.apiUsage.record(
          {
            provider: entry.provider,
            model: entry.model,
            operation: entry.operation,
            inputTokens: entry.inputTokens,
            outputTokens: entry.outputTokens,
            costUsd,
            latencyMs: entry.latencyMs,
            success: entry.success,
            projectId,
            taskId: run.taskId,
            runId: run.id,
            errorMessage: entry.error ?? null,
            metadata: entry.metadata ?? {},
          },
          clock.now(),
        );
        store.db
          .prepare(
            'UPDATE runs SET cost_usd = cost_usd + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ? WHERE id = ?',
          )
          .run(costUsd, entry.inputTokens, entry.outputTokens, run.id);
      });
      return costUsd;
    },
  };
}
