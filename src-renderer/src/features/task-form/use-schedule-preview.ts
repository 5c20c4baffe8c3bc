// Asks the server for a schedule's description and next runs while the user types (debounced), and
// turns a rejected expression into per-field messages; stale answers never overwrite newer ones.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import type { ScheduleKind, SchedulePreview } from '../../api/contract-types';
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
  const api = useApi();
  const trimmedExpr = expr.trim();
  const zone = timezone.trim();
  const skip = kind === 'manual' || trimmedExpr === '';
  const requestKey = JSON.stringify([kind, trimmedExpr, zone, displayTimeZone]);
  const [answer, setAnswer] = useState<{ requestKey: string; result: PreviewResult } | null>(null);

  useEffect(() => {
    if (skip) return;
    let current = true;
    const timer = setTimeout(() => {
      const schedule = { kind, expr: trimmedExpr, timezone: zone || undefined };
      api.call('schedules.preview', { schedule, count: PREVIEW_COUNT }).then(
        (preview) => {
          if (current)
            setAnswer({ requestKey, result: { status: 'ready', preview, timeZone: zone || displayTimeZone } });
        },
        (error: unknown) => {
          if (current) setAnswer({ requestKey, result: resultFromError(error) });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, skip, kind, trimmedExpr, zone, displayTimeZone, requestKey]);

  if (skip) return { result: { status: kind === 'manual' ? 'manual' : 'empty' }, pending: false };
  return { result: answer?.result ?? null, pending: answer?.requestKey !== requestKey };
}
