// Rates a run or a task as a whole: quality and timeliness from 1 to 5 and notes. Saving again
// replaces the rating (ratings.set keeps one per run and one per task).
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Rating } from '../../api/contract-types';

const SCORES = [1, 2, 3, 4, 5] as const;
const qualityWords = ['', 'poor', 'weak', 'fair', 'good', 'excellent'];
const timelinessWords = ['', 'far too late', 'late', 'acceptable', 'on time', 'right on time'];

interface RatingFormProps {
  subject: { runId: string } | { taskId: string };
  /** The rating so far; the form starts from it (draw the form once it is known). */
  current: Rating | null;
  onSaved?(rating: Rating): void;
}

function ScoreSelect(props: { id: string; label: string; value: number; words: string[]; onChange(v: number): void }) {
  return (
    <div className="field rating-score">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {SCORES.map((s) => (
          <option key={s} value={s}>
            {s} – {props.words[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RatingForm({ subject, current, onSaved }: RatingFormProps) {
  const api = useApi();
  const key = 'runId' in subject ? `run-${subject.runId}` : `task-${subject.taskId}`;
  const [quality, setQuality] = useState(current?.quality ?? 3);
  const [timeliness, setTimeliness] = useState(current?.timeliness ?? 3);
  const [notes, setNotes] = useState(current?.notes ?? '');
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: string | null }>({
    busy: false,
    message: null,
    error: null,
  });

  const save = async () => {
    setState({ busy: true, message: null, error: null });
    try {
      const rating = await api.call('ratings.set', { ...subject, quality, timeliness, notes });
      setState({
        busy: false,
        message: `Saved: quality ${rating.quality}/5, timeliness ${rating.timeliness}/5`,
        error: null,
      });
      onSaved?.(rating);
    } catch (e) {
      setState({ busy: false, message: null, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    // A group, not a form: the task form holds it, and forms do not nest.
    <div className="rating-form" role="group" aria-label="Rating" data-testid="rating-form">
      <div className="rating-scores">
        <ScoreSelect id={`${key}-quality`} label="Quality" value={quality} words={qualityWords} onChange={setQuality} />
        <ScoreSelect
          id={`${key}-timeliness`}
          label="Timeliness"
          value={timeliness}
          words={timelinessWords}
          onChange={setTimeliness}
        />
      </div>
      <div className="field">
        <label htmlFor={`${key}-notes`}>Notes</label>
        <textarea
          id={`${key}-notes`}
          rows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <div className="rating-actions">
        <button type="button" className="button" disabled={state.busy} onClick={() => void save()}>
          {current ? 'Update rating' : 'Save rating'}
        </button>
        <span role="status" className="muted">
          {state.message}
        </span>
        {state.error && (
          <p className="field-error" role="alert">
            {state.error}
          </p>
        )}
      </div>
    </div>
  );
}
