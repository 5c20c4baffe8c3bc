// A run's usage meter: every LLM or coding-agent call becomes an api_usage row priced from the price
// table, its tokens and cost are added to the run, and the budgets are checked before each call and
// warned about after it.
import { budgetsContinuedPast } from '../db/repos/budget-overrides-repo';
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import type { Notifier, Settings } from '../ports';
import type { Store } from '../store';
import { ToolError, type ToolTaskInfo, type UsageEntry, type UsageMeter } from '../tools/tool';
import { budgetsFor, checkBudgets, warnBudgets } from './budgets';
import { costOf, loadPrices, type LoadedPrices } from './pricing';

export interface MeterDeps {
  store: Store;
  clock: Clock;
  settings: Settings;
  notifier: Notifier;
  /** Where the user's prices.json override lives; without it only the bundled table is used. */
  dataDir?: string | undefined;
}

export function createUsageMeter(
  deps: MeterDeps,
  run: Pick<RunRow, 'id' | 'taskId'>,
  task: ToolTaskInfo,
  projectId: string | null,
): UsageMeter {
  const { store, clock } = deps;
  // Read once per meter (a step): an edited prices.json applies from the next step on.
  let prices: LoadedPrices | undefined;
  const loaded = (): LoadedPrices => (prices ??= loadPrices(deps.dataDir));
  const budgets = () => budgetsFor(store, deps.settings.get(), task, clock.now());

  return {
    beforeCall(call) {
      const { problem } = loaded();
      if (problem) throw new ToolError('permanent', `The price table cannot be used: ${problem}`);
      checkBudgets(budgets(), call, budgetsContinuedPast(store.db, run.id));
    },
    record(entry: UsageEntry) {
      const priced = entry.costUsd === undefined ? costOf(loaded().table, entry) : undefined;
      const costUsd = entry.costUsd ?? priced?.costUsd ?? 0;
      const metadata = { ...entry.metadata, ...(priced && !priced.priced ? { unpriced: true } : {}) };
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
            metadata,
          },
          clock.now(),
        );
        store.db
          .prepare(
            'UPDATE runs SET cost_usd = cost_usd + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ? WHERE id = ?',
          )
          .run(costUsd, entry.inputTokens, entry.outputTokens, run.id);
      });
      if (costUsd > 0) warnBudgets(store, deps.notifier, budgets(), { taskId: run.taskId, runId: run.id });
      return costUsd;
    },
  };
}
