// The Spend page: what model calls cost in the last 30 days (usage.summary): spent today and this
// month at the top, charts (spend-charts.tsx), then the tables: totals, budgets and breakdowns.
import { useMemo, useState, type ReactNode } from 'react';
import type { UsageTotals } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { useDisplayTimeZone } from '../../lib/display-timezone';
import { formatCost } from '../../lib/run-format';
import { useMinuteClock } from '../../lib/use-minute-clock';
import { SpendCharts } from './spend-charts';
import { daySeries, lastDays, spendHeadline } from './spend-series';
import { abbreviation } from './zone';

const DAYS = 30;
/** Fetched one day past the charts' window, so this month's total is whole on the 31st too. */
const FETCH_DAYS = DAYS + 1;
const num = (n: number) => n.toLocaleString('en-US');

function TotalsTable<T extends UsageTotals>(props: {
  caption: string;
  rows: T[];
  name: (row: T) => ReactNode;
  nameHeader: string;
}) {
  if (props.rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.nameHeader}</th>
            <th scope="col">Calls</th>
            <th scope="col">Failed</th>
            <th scope="col">Input tokens</th>
            <th scope="col">Output tokens</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">{props.name(row)}</th>
              <td>{num(row.calls)}</td>
              <td>{num(row.failedCalls)}</td>
              <td>{num(row.inputTokens)}</td>
              <td>{num(row.outputTokens)}</td>
              <td>{formatCost(row.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SpendPage() {
  const timeZone = useDisplayTimeZone();
  // The window starts when the page opens; a page left open all day still shows a 30-day span.
  const [opened] = useState(() => Date.now());
  const from = new Date(opened - FETCH_DAYS * 24 * 3600 * 1000).toISOString();
  const live = useLiveCall('usage.summary', { from }, { refetchOn: ['run:updated'], throttleMs: 5000 });
  const summary = live.value;
  const now = useMinuteClock();
  const days = useMemo(() => lastDays(now, timeZone, DAYS), [now, timeZone]);
  const points = useMemo(() => (summary ? daySeries(summary, days) : []), [summary, days]);
  const headline = summary ? spendHeadline(summary, now, timeZone) : null;

  return (
    <section className="spend-page" aria-labelledby="spend-title">
      <div className="page-heading">
        <h2 id="spend-title" className="page-title">
          Spend
        </h2>
        <span className="muted">
          Last {DAYS} days, days in {abbreviation(timeZone)}
        </span>
      </div>
      {live.error && (
        <p className="banner banner-error" role="alert">
          Could not load spend: {live.error.message}
        </p>
      )}
      {!summary && !live.error && <p className="muted">Loading spend…</p>}
      {summary && headline && (
        <>
          <dl className="spend-headline" data-testid="spend-headline">
            <div>
              <dt>Spent today</dt>
              <dd data-testid="spent-today">
                {formatCost(headline.todayUsd)}
                {headline.daily && <span className="muted"> of {formatCost(headline.daily.limitUsd)}</span>}
              </dd>
            </div>
            <div>
              <dt>This month</dt>
              <dd data-testid="spent-month">
                {formatCost(headline.monthUsd)}
                {headline.monthly && <span className="muted"> of {formatCost(headline.monthly.limitUsd)}</span>}
              </dd>
            </div>
          </dl>
          <SpendCharts points={points} summary={summary} daily={headline.daily} monthly={headline.monthly} />
          <TotalsTable caption="Totals" nameHeader="Period" rows={[summary.totals]} name={() => `Last ${DAYS} days`} />
          {summary.budgets.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption>Budgets</caption>
                <thead>
                  <tr>
                    <th scope="col">Budget</th>
                    <th scope="col">Period</th>
                    <th scope="col">Spent</th>
                    <th scope="col">Limit</th>
                    <th scope="col">Used</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.budgets.map((b) => (
                    <tr key={`${b.budget}-${b.period}`}>
                      <th scope="row">{b.label}</th>
                      <td>{b.period}</td>
                      <td>{formatCost(b.spentUsd)}</td>
                      <td>{formatCost(b.limitUsd)}</td>
                      <td>{b.limitUsd > 0 ? `${Math.round((b.spentUsd / b.limitUsd) * 100)}%` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {summary.totals.calls === 0 && <p className="empty-state">No model calls in the last {DAYS} days.</p>}
          <TotalsTable caption="By provider" nameHeader="Provider" rows={summary.byProvider} name={(r) => r.provider} />
          <TotalsTable
            caption="By model"
            nameHeader="Model"
            rows={summary.byModel}
            name={(r) => `${r.provider} / ${r.model}`}
          />
          <TotalsTable
            caption="By task"
            nameHeader="Task"
            rows={summary.byTask}
            name={(r) => r.title ?? (r.taskId ? r.taskId : 'No task')}
          />
          <TotalsTable caption="By day" nameHeader="Day" rows={summary.byDay} name={(r) => r.day} />
        </>
      )}
    </section>
  );
}
