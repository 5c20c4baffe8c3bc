// pipelines.testStep: one step of the pipeline in the editor, run for real through the runtime's
// tools, with the stored task's (or the chosen project's) context when there is one.
import { AppError, notFound } from '../../lib/errors';
import { testPipelineStep, type TestStepResult } from '../../pipeline/test-step';
import type { ToolProjectInfo, ToolTaskInfo } from '../../tools/tool';
import type { ParsedInput } from '../contract';
import { toolLookupOf, type PipelineHandlerContext } from './pipelines';

export function createTestStepHandlers(context: PipelineHandlerContext) {
  const lookup = toolLookupOf(context);

  function projectInfo(id: string | null): ToolProjectInfo | null {
    if (id === null) return null;
    const project = context.store.projects.get(id);
    if (!project) throw notFound('Project', id);
    const { name, workDir, repoUrl, config } = project;
    return { id, name, workDir, repoUrl, config: { ...config } };
  }

  return {
    'pipelines.testStep': async (input: ParsedInput<'pipelines.testStep'>): Promise<TestStepResult> => {
      const services = context.runServices;
      if (!services) throw new AppError('not_started', 'Steps cannot be tested before the runtime has started');
      const stored = input.taskId ? context.store.tasks.get(input.taskId) : undefined;
      if (input.taskId && !stored) throw notFound('Task', input.taskId);
      const task: ToolTaskInfo = stored
        ? {
            id: stored.id,
            title: stored.title,
            taskType: stored.taskType,
            successCriteria: stored.successCriteria,
            budgetUsd: stored.budgetUsd,
          }
        : { id: 'test-step', title: 'Step test', taskType: 'general', successCriteria: [], budgetUsd: null };
      return testPipelineStep(
        {
          pipeline: input.pipeline,
          stepId: input.stepId,
          params: { ...stored?.params, ...input.params },
          ...(input.outputs ? { outputs: input.outputs } : {}),
          timeoutMs: input.timeoutMs,
        },
        {
          lookup,
          services,
          clock: context.clock,
          timezone: context.settings.get().displayTimezone,
          task,
          storedTaskId: stored?.id ?? null,
          project: projectInfo(input.projectId !== undefined ? input.projectId : (stored?.projectId ?? null)),
        },
      );
    },
  };
}
