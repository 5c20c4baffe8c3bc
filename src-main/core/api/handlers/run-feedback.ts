// What runs.get adds about a run's outcome for people: its criteria results, completion summary and rating.
import { isoAt } from '../../lib/time-format';
import type { Rating, RunAssessment } from '../../model/feedback';
import type { Store } from '../../store';

export function runFeedback(store: Store, runId: string): { assessment: RunAssessment | null; rating: Rating | null } {
  const stored = store.feedback.assessment(runId);
  const rating = store.feedback.listRatings({ runId, limit: 1, offset: 0 }).items[0];
  return {
    assessment: stored ? { ...stored, assessedAt: isoAt(stored.assessedAt) } : null,
    rating: rating ? { ...rating, createdAt: isoAt(rating.createdAt), updatedAt: isoAt(rating.updatedAt) } : null,
  };
}
