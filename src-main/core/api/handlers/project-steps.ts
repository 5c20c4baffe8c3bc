// Steps that work inside a project's repository (git, coding agents) cannot run without one, so a
// task holding them is refused at save time, naming each such step.
import { AppError } from '../../lib/errors';

/** Tools that read the project's work directory and refuse to run without it. */
export const toolsNeedingProject: ReadonlySet<string> = new Set(['git', 'agent.run']);

interface StepLike {
  id?: unknown;
  uses?: unknown;
}

/** The issues of the steps of `pipeline` (stored JSON) that need a project when the task has none. */
export function stepsWithoutProject(
  pipelineJson: string,
  projectId: string | null,
): { path: string; message: string }[] {
  if (projectId) return [];
  let steps: StepLike[] = [];
  try {
    const parsed = JSON.parse(pipelineJson) as { steps?: unknown };
    if (Array.isArray(parsed.steps)) steps = parsed.steps as StepLike[];
  } catch {
    return [];
  }
  return steps.flatMap((step, index) =>
    typeof step.uses === 'string' && toolsNeedingProject.has(step.uses)
      ? [
          {
            path: `pipeline.steps[${index}].uses`,
            message: `${step.uses} works in a project's repository: choose a project for this task (step "${String(step.id ?? index)}")`,
          },
        ]
      : [],
  );
}

export function assertStepsHaveProject(pipelineJson: string, projectId: string | null, call: string): void {
  const steps = stepsWithoutProject(pipelineJson, projectId);
  if (steps.length === 0) return;
  const paths = steps.map((s) => s.path.replace(/\.uses$/, '')).join(', ');
  const issues = [{ path: 'projectId', message: `is required by ${paths}` }, ...steps];
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('validation_failed', `Invalid input for ${call}: ${text}`, { call, issues });
}
