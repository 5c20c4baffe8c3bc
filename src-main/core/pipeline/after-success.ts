// Work a step leaves until the whole run has succeeded (a coding agent's push and pull request):
// collected as the steps complete or are replayed, done in run order once every later step, review
// and approval has passed. If it fails the run fails, with the step named, and can be rolled back.
import type { RunRow } from '../db/repos/runs-repo';
import type { Clock } from '../lib/clock';
import { errorText } from '../lib/errors';
import type { RunOutcome } from '../model/outcome';
import type { PipelineStep } from '../model/pipeline';
import type { Tool } from '../tools/tool';
import { recordedStepContext } from './recorded-step';
import type { RunLog } from './run-log';
import type { RunTask } from './run-task';
import type { RunServices } from './services';

export interface DeferredWork {
  step: Pick<PipelineStep, 'id' | 'role' | 'phase'>;
  tool: Tool;
  data: unknown;
}

/** The deferred work of a step that recorded `work`, when its tool defers any. */
export function deferredWork(step: PipelineStep, tool: Tool | undefined, work: unknown): DeferredWork | undefined {
  if (!tool?.afterRunSucceeded) return undefined;
  const recorded = work as { tool?: unknown; data?: unknown } | null | undefined;
  return recorded?.tool === tool.name ? { step, tool, data: recorded.data } : undefined;
}

interface FinishContext {
  run: Pick<RunRow, 'id' | 'taskId'>;
  task: RunTask;
  services: RunServices;
  clock: Clock;
  log: RunLog;
  signal: AbortSignal;
}

export async function finishAfterSuccess(c: FinishContext, work: readonly DeferredWork[]): Promise<RunOutcome> {
  for (const { step, tool, data } of work) {
    const context = recordedStepContext({
      ...c,
      checkpoint: { stepName: step.id, role: step.role ?? null, phase: step.phase ?? null },
    });
    try {
      await tool.afterRunSucceeded!(data, context);
    } catch (error) {
      const cause = errorText(error);
      c.log.line(step.id, { stream: 'system', level: 'error', message: `Step ${step.id} failed: ${cause}` });
      return {
        status: 'failed',
        kind: 'permanent',
        error: {
          reason: `step ${step.id} could not finish after the run succeeded`,
          error: cause,
          signals: [`step=${step.id}`, 'kind=permanent', 'after=run_succeeded'],
        },
      };
    }
  }
  return { status: 'succeeded' };
}
