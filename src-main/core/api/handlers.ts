// Binds every call of the contract to its feature's handler. The Handlers type checks that each
// call has exactly one handler with the contract's input and output types.
import type { AppInfo, CallName, CallOutput, ParsedInput } from './contract';
import { createProjectHandlers } from './handlers/projects';
import { createTaskHandlers } from './handlers/tasks';
import { createTimelineHandlers } from './handlers/timeline';
import { createScheduleHandlers } from './handlers/schedules';
import { createRunHandlers } from './handlers/runs';
import { createApprovalHandlers } from './handlers/approvals';
import { createUsageHandlers } from './handlers/usage';
import { createSettingsHandlers, type SettingsHandlerDeps } from './handlers/settings';
import { createSecretHandlers, type SecretHandlerDeps } from './handlers/secrets';
import { createTemplateHandlers, type TemplateNeedDeps } from './handlers/templates';
import { createPipelineHandlers, type PipelineHandlerContext } from './handlers/pipelines';
import { createTestStepHandlers } from './handlers/test-step';
import { createMcpHandlers } from './handlers/mcp';
import { createMcpImportHandlers, type ClientConfigDirs } from './handlers/mcp-import';
import { createWebhookHandlers } from './handlers/webhooks';
import { createTaskFileHandlers } from './handlers/task-files';
import { createProviderTestHandlers } from './handlers/provider-test';
import { createRatingHandlers } from './handlers/ratings';
import { createWakeHandlers } from './handlers/wake';
import { createTaskMemoryHandlers } from './handlers/task-memory';
import { createOccurrenceHandlers } from './handlers/occurrences';
import type { McpManager } from '../mcp/manager';

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> };

export function createHandlers(
  context: PipelineHandlerContext,
  info: () => AppInfo,
  settingsDeps: SettingsHandlerDeps &
    SecretHandlerDeps & { clientConfigDirs?: ClientConfigDirs } & Pick<TemplateNeedDeps, 'notifierStatus'>,
  mcp: McpManager,
): Handlers {
  const tasks = createTaskHandlers(context);
  const settings = createSettingsHandlers(settingsDeps);
  // Raising a budget from an approval saves it as an edit of the task or the settings would.
  const budgetSetters = {
    setTaskBudget: (id: string, budgetUsd: number) => tasks['tasks.update']({ id, budgetUsd }),
    setGlobalBudget: (budgets: { dailyUsd?: number; monthlyUsd?: number }) => settings['settings.update']({ budgets }),
  };
  const { forgetWebhook, ...webhooks } = createWebhookHandlers(context, settingsDeps);
  return {
    'app.info': async () => info(),
    ...tasks,
    'tasks.delete': async (input) => {
      const deleted = await tasks['tasks.delete'](input);
      await forgetWebhook(deleted.id);
      return deleted;
    },
    ...createProjectHandlers(context.store, context.clock),
    ...createTimelineHandlers(context.store),
    ...createScheduleHandlers(context),
    ...createRunHandlers(context),
    ...createApprovalHandlers(context, budgetSetters),
    ...createUsageHandlers(context),
    ...settings,
    ...createSecretHandlers(settingsDeps),
    ...createProviderTestHandlers(settingsDeps),
    ...createTemplateHandlers(context, settingsDeps),
    ...createPipelineHandlers(context),
    ...createTestStepHandlers(context),
    ...createMcpHandlers(mcp),
    ...createMcpImportHandlers({
      ...settingsDeps,
      saveServers: (mcpServers) => settings['settings.update']({ mcpServers }),
    }),
    ...webhooks,
    ...createTaskFileHandlers(context),
    ...createRatingHandlers(context),
    ...createWakeHandlers(context.wakePlanner),
    ...createTaskMemoryHandlers(context),
    ...createOccurrenceHandlers(context),
  };
}
