// Asks the server for a schedule's description and next runs while the user types (debounced), and
// turns a rejected expression into per-field messages; stale answers never overwrite newer ones.
import { ApiError } from '../../api/api-error';
import type { ScheduleKind, SchedulePreview } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { readableIssue } from './form-values';

const PREVIEW_DEBOUNCE_MS = 250;
export const PREVIEW_COUNT = 5;

export type PreviewResult =
  | { status: 'manual' }
  | { status: 'empty' }
  /** `timeZone` is the zone the server read the schedule in, known valid. */
  | { status: 'ready'; preview: SchedulePreview; timeZone: string }
  | { status: 'invalid'; exprError?: string; timezoneError?: string; otherError?: string }
  | { status: 'failed'; message: string };

export interface SchedulePreviewState {
  /** The latest answer; while `pending`, it answers an earlier input. Null before the first. */
  result: PreviewResult | null;
  pending: boolean;
}

function resultFromError(error: unknown): PreviewResult {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.issues.length > 0) {
    const result: Extract<PreviewResult, { status: 'invalid' }> = { status: 'invalid' };
    for (const { path, message } of error.issues) {
      if (path === 'schedule.expr') result.exprError = readableIssue('Expression', message);
      else if (path === 'schedule.timezone') result.timezoneError = readableIssue('Schedule timezone', message);
      else result.otherError = readableIssue(path, message);
    }
    return result;
  }
  return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
}

export function useSchedulePreview(
  kind: ScheduleKind,
  expr: string,
  timezone: string,
  displayTimeZone: string,
): SchedulePreviewState {
  const trimmedExpr = expr.trim();
  const skip = kind === 'manual' || trimmedExpr === '';
  const schedule = { kind, expr: trimmedExpr, timezone: timezone.trim() || undefined };
  const live = useLiveCall(
    'schedules.preview',
    { schedule, count: PREVIEW_COUNT },
    {
      enabled: !skip,
      debounceMs: PREVIEW_DEBOUNCE_MS,
      // The answer shown while the next is pending is the previous input's: the form keeps its place.
      keepPrevious: true,
      // A schedule without its own zone is read in the display timezone, which may have changed.
      refetchOn: ['settings:updated'],
      select: (preview, input) => ({ preview, timeZone: input.schedule.timezone ?? displayTimeZone }),
    },
  );

  if (skip) return { result: { status: kind === 'manual' ? 'manual' : 'empty' }, pending: false };
  const result: PreviewResult | null = live.error
    ? resultFromError(live.error)
    : live.value
      ? { status: 'ready', ...live.value }
      : null;
  return { result, pending: live.loading };
}
