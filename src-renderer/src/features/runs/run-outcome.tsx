// What a run achieved, on its page: the completion summary, each success criterion's result (met,
// unmet, judged by the verifier, not checked) and the person's rating of the run.
import type { CriterionResult, RunView } from '../../api/contract-types';
import { isFinalRun } from '../../lib/run-format';
import { RatingForm } from '../ratings/rating-form';

const statusLabels: Record<CriterionResult['status'], string> = {
  met: 'Met',
  unmet: 'Unmet',
  judged: 'Judged by the verifier',
  not_checked: 'Not checked',
};

function Criteria({ criteria }: { criteria: CriterionResult[] }) {
  return (
    <ul className="criteria-results" data-testid="criteria-results">
      {criteria.map((c, i) => (
        <li key={i}>
          <span className={`criterion-status criterion-${c.status}`}>{statusLabels[c.status]}</span>
          <span className="criterion-text">{c.criterion}</span>
          {c.measurable && <code className="criterion-measure">{c.measurable}</code>}
          {c.detail && <span className="muted criterion-detail">{c.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

export function RunOutcome({ details, onRated }: { details: RunView; onRated(): void }) {
  const { run, assessment, rating } = details;
  if (!isFinalRun(run.status)) return null;
  return (
    <section className="run-outcome" aria-labelledby="run-outcome-title">
      <h3 id="run-outcome-title" className="run-section-title">
        Outcome
      </h3>
      {assessment?.summary && (
        <p className="run-summary">
          <span className="muted">Summary: </span>
          <span data-testid="run-summary">{assessment.summary}</span>
        </p>
      )}
      {assessment && assessment.criteria.length > 0 ? (
        <Criteria criteria={assessment.criteria} />
      ) : (
        <p className="muted">The task names no success criteria.</p>
      )}
      <h4 className="run-outcome-subtitle">Your rating</h4>
      <RatingForm subject={{ runId: run.id }} current={rating} onSaved={onRated} />
    </section>
  );
}
