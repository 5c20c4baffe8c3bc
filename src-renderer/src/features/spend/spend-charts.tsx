// The Spend page's charts (Recharts): cost per day with the daily budget and its 80% mark, the month's
// running total against the monthly budget, tokens per day, and cost by provider, model and task.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReactNode } from 'react';
import type { BudgetState, UsageSummary } from '../../api/contract-types';
import { formatCost } from '../../lib/run-format';
import { currentMonthPoints, modelRows, type DayPoint } from './spend-series';

const usd = (v: unknown) => (Number(v) === 0 ? '$0' : formatCost(Number(v)));
const tokens = (v: unknown) => Number(v).toLocaleString('en-US');
const shortDay = (day: string) => day.slice(5);
const axis = { stroke: 'var(--muted)', fontSize: 12 };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };

function Chart({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure className="spend-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="spend-chart-canvas">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The budget's limit and its 80% warning mark, as horizontal lines. */
function budgetLines(budget: BudgetState | null, name: string) {
  if (!budget || budget.limitUsd <= 0) return null;
  return [
    <ReferenceLine
      key="limit"
      y={budget.limitUsd}
      stroke="var(--danger)"
      strokeDasharray="6 3"
      label={{
        value: `${name} ${formatCost(budget.limitUsd)}`,
        fill: 'var(--danger)',
        fontSize: 12,
        position: 'insideTopLeft',
      }}
      className="budget-line"
    />,
    <ReferenceLine
      key="warn"
      y={budget.limitUsd * 0.8}
      stroke="var(--warn-text)"
      strokeDasharray="2 3"
      label={{ value: '80%', fill: 'var(--warn-text)', fontSize: 12, position: 'insideBottomLeft' }}
      className="budget-warning-line"
    />,
  ];
}

interface SpendChartsProps {
  points: DayPoint[];
  summary: UsageSummary;
  daily: BudgetState | null;
  monthly: BudgetState | null;
}

function BreakdownChart({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { name: string; costUsd: number }[];
}) {
  if (rows.length === 0) return null;
  const top = rows.slice(0, 10);
  return (
    <figure className="spend-chart spend-chart-breakdown" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="spend-chart-canvas" style={{ height: 40 + top.length * 30 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={top} layout="vertical" margin={{ left: 8, right: 24 }}>
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis type="number" tickFormatter={usd} {...axis} />
            <YAxis type="category" dataKey="name" width={160} {...axis} />
            <Tooltip formatter={usd} contentStyle={tooltipStyle} />
            <Bar dataKey="costUsd" name="Cost" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function SpendCharts({ points, summary, daily, monthly }: SpendChartsProps) {
  const peakDay = Math.max(0, ...points.map((p) => p.costUsd));
  const month = currentMonthPoints(points);
  const peakMonth = Math.max(0, ...month.map((p) => p.monthToDateUsd));
  return (
    <div className="spend-charts">
      <Chart title="Cost per day" testId="chart-cost-per-day">
        <BarChart data={points}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
          <YAxis tickFormatter={usd} domain={[0, Math.max(peakDay, daily?.limitUsd ?? 0)]} {...axis} />
          <Tooltip formatter={usd} contentStyle={tooltipStyle} />
          <Bar dataKey="costUsd" name="Cost" fill="var(--accent)" isAnimationActive={false} />
          {budgetLines(daily, 'Daily budget')}
        </BarChart>
      </Chart>
      <Chart title="This month so far" testId="chart-month-to-date">
        <LineChart data={month}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
          <YAxis tickFormatter={usd} domain={[0, Math.max(peakMonth, monthly?.limitUsd ?? 0)]} {...axis} />
          <Tooltip formatter={usd} contentStyle={tooltipStyle} />
          <Line
            dataKey="monthToDateUsd"
            name="Month to date"
            stroke="var(--accent)"
            // Early in a month there are too few days for a line to show.
            dot={month.length < 3}
            isAnimationActive={false}
          />
          {budgetLines(monthly, 'Monthly budget')}
        </LineChart>
      </Chart>
      <Chart title="Tokens per day" testId="chart-tokens-per-day">
        <BarChart data={points}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
          <YAxis tickFormatter={tokens} width={72} {...axis} />
          <Tooltip formatter={tokens} contentStyle={tooltipStyle} />
          <Bar dataKey="inputTokens" name="Input" stackId="t" fill="var(--accent)" isAnimationActive={false} />
          <Bar dataKey="outputTokens" name="Output" stackId="t" fill="var(--ok)" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <BreakdownChart
        title="Cost by provider"
        testId="chart-by-provider"
        rows={summary.byProvider.map((r) => ({ name: r.provider, costUsd: r.costUsd }))}
      />
      <BreakdownChart title="Cost by model" testId="chart-by-model" rows={modelRows(summary.byModel)} />
      <BreakdownChart
        title="Cost by task"
        testId="chart-by-task"
        rows={summary.byTask.map((r) => ({ name: r.title ?? r.taskId ?? 'No task', costUsd: r.costUsd }))}
      />
    </div>
  );
}
