// A run's usage meter: every LLM or coding-agent call becomes an api_usage row priced from the price
// table, its tokens and cost are added to the run, and the budgets are checked before each call and
// warned about after it.
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

/**
 * The calls' run and task. A step tested on its own from the editor has no run (its id is null) and
 * may have no stored task: its usage is still recorded and counted against the budgets.
 */
type MeteredCall = { id: RunRow['id'] | null; taskId: RunRow['taskId'] | null };

export function createUsageMeter(
  deps: MeterDeps,
  run: MeteredCall,
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
      checkBudgets(budgets(), call, run.id === null ? undefined : store.budgetOverrides.continuedPast(run.id));
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
        if (run.id !== null) {
          store.runs.addUsage(run.id, { costUsd, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens });
        }
      });
      // The warning opens the run it names; a tested step's spending is warned of by the next run.
      if (costUsd > 0 && run.id !== null && run.taskId !== null) {
        warnBudgets(store, deps.notifier, budgets(), { taskId: run.taskId, runId: run.id });
      }
      return costUsd;
    },
  };
}
