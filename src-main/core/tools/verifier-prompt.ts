// What a verifier step is told when it gives no system prompt of its own: the task's success
// criteria (seed 004), so the verdict is against what the task says success is.
import type { SuccessCriterion } from '../model/feedback';

/** The criteria as a verifier reads them: one numbered line each, with how it is measured. */
export function criteriaText(criteria: readonly SuccessCriterion[]): string {
  return criteria
    .map((c, i) => `${i + 1}. ${c.criterion}${c.measurable ? ` (measured after the run by: ${c.measurable})` : ''}`)
    .join('\n');
}

/** The system prompt a verifier step gets when it gives none of its own. */
export function defaultVerifierSystem(criteria: readonly SuccessCriterion[]): string {
  const intro =
    'You are the verifier of an automated task. Check the draft you are given against the success ' +
    'criteria. Answer with a verdict: pass (true only when every criterion is met), confidence (0 to 1), ' +
    'issues (one short sentence per unmet criterion or problem) and summary (one or two sentences on what ' +
    'the run achieved).';
  if (criteria.length === 0)
    return `${intro}\nThe task names no success criteria: judge whether the draft does what it was asked.`;
  return `${intro}\nSuccess criteria:\n${criteriaText(criteria)}`;
}
