// usage.summary turned into chart series: every one of the last N days in the display timezone (days
// without calls as zero), the month's running total, and what was spent today and this month.
import type { BudgetState, UsageSummary } from '../../api/contract-types';
import { wallClockAt } from '../../lib/time';

const DAY_MS = 24 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

export interface DayPoint {
  /** "2026-11-23" in the display timezone. */
  day: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** This month's spend up to and including this day (resets on the 1st). */
  monthToDateUsd: number;
}

export function localDay(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The last `days` days ending today, oldest first; stepping by noon-ish instants survives DST. */
export function lastDays(nowMs: number, timeZone: string, days: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = localDay(nowMs - i * DAY_MS, timeZone);
    if (out.at(-1) !== day) out.push(day);
  }
  return out;
}

export function daySeries(summary: UsageSummary, days: readonly string[]): DayPoint[] {
  const byDay = new Map(summary.byDay.map((d) => [d.day, d]));
  // The running month total starts from days before the window that fall in its first month.
  let month = days[0]?.slice(0, 7) ?? '';
  let monthToDate = summary.byDay
    .filter((d) => d.day < (days[0] ?? '') && d.day.startsWith(month))
    .reduce((sum, d) => sum + d.costUsd, 0);
  return days.map((day) => {
    if (!day.startsWith(month)) {
      month = day.slice(0, 7);
      monthToDate = 0;
    }
    const d = byDay.get(day);
    monthToDate += d?.costUsd ?? 0;
    return {
      day,
      costUsd: d?.costUsd ?? 0,
      inputTokens: d?.inputTokens ?? 0,
      outputTokens: d?.outputTokens ?? 0,
      monthToDateUsd: monthToDate,
    };
  });
}

export interface SpendHeadline {
  todayUsd: number;
  monthUsd: number;
  daily: BudgetState | null;
  monthly: BudgetState | null;
}

/** Spent today and this month: the budgets' own figures when set, else summed from the days. */
export function spendHeadline(summary: UsageSummary, nowMs: number, timeZone: string): SpendHeadline {
  const today = localDay(nowMs, timeZone);
  const daily = summary.budgets.find((b) => b.budget === 'daily') ?? null;
  const monthly = summary.budgets.find((b) => b.budget === 'monthly') ?? null;
  const todayUsd = summary.byDay.find((d) => d.day === today)?.costUsd ?? 0;
  const monthUsd = summary.byDay
    .filter((d) => d.day.startsWith(today.slice(0, 7)))
    .reduce((sum, d) => sum + d.costUsd, 0);
  return { todayUsd: daily?.spentUsd ?? todayUsd, monthUsd: monthly?.spentUsd ?? monthUsd, daily, monthly };
}

/** The days of the newest point's month: a running month total drawn across the 1st would fall to
 * zero there and read as a refund. */
export function currentMonthPoints(points: readonly DayPoint[]): DayPoint[] {
  const month = points.at(-1)?.day.slice(0, 7);
  return month ? points.filter((p) => p.day.startsWith(month)) : [];
}

/** Cost by model, each named by its model, and by its provider too where two providers serve a
 * model of the same name (a Llama through Groq and through Ollama). */
export function modelRows(byModel: UsageSummary['byModel']): { name: string; costUsd: number }[] {
  const providers = new Map<string, Set<string>>();
  for (const r of byModel) providers.set(r.model, (providers.get(r.model) ?? new Set()).add(r.provider));
  return byModel.map((r) => ({
    name: (providers.get(r.model)?.size ?? 0) > 1 ? `${r.model} (${r.provider})` : r.model,
    costUsd: r.costUsd,
  }));
}
