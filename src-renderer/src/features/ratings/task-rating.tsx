// The task form's rating of the task as a whole (runs are rated on their own pages).
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Rating } from '../../api/contract-types';
import { RatingForm } from './rating-form';

export function TaskRating({ taskId }: { taskId: string }) {
  const api = useApi();
  const [current, setCurrent] = useState<Rating | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // The task's own rating is the one without a run; its runs' ratings are listed with it.
    api.call('ratings.list', { taskId, limit: 1000 }).then(
      (page) => live && setCurrent(page.items.find((r) => r.runId === null) ?? null),
      () => live && setCurrent(null),
    );
    return () => {
      live = false;
    };
  }, [api, taskId]);
  return (
    <fieldset className="form-section span-2" data-testid="task-rating">
      <legend>Your rating of this task</legend>
      {current === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <RatingForm subject={{ taskId }} current={current} onSaved={setCurrent} />
      )}
    </fieldset>
  );
}
