// Occurrences as local ISO strings with offsets: exact instants that still read as wall-clock times.
import { toLocalIso } from '../../../../src-main/core/lib/local-time';
import { nextRuns } from '../../../../src-main/core/scheduler/next-run';
import type { ScheduleKind } from '../../../../src-main/core/scheduler/schedule-spec';

export function localRuns(kind: ScheduleKind, expr: string, timezone: string, fromIso: string, n: number): string[] {
  return nextRuns({ kind, expr, timezone }, Date.parse(fromIso), n).map((t) => toLocalIso(t, timezone));
}
