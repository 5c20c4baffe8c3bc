// The Spend page's charts and figures against usage.summary, on model calls written into the host's
// database (a real SQLite file; making real paid model calls is not possible here).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { dayOf } from '../../../src-main/core/cost/periods';
import { apiCall } from './api';
import { expect, test } from './fixtures';

test('spend shows today and this month, charts per day with the budget and 80% lines, and the tables', async ({
  board: page,
  host,
  request,
}) => {
  const task = await apiCall(request, host, 'tasks.create', { title: 'Morning briefing' });
  const settings = await apiCall(request, host, 'settings.update', { budgets: { dailyUsd: 2, monthlyUsd: 40 } });
  // "Today" is the display timezone's day as the host reckons it (dayOf): a call written just before its
  // midnight would be yesterday's by the time the page reads it, so a test started in the last
  // minute of the day waits for the next one.
  const started = Date.now();
  const nextMinute = dayOf(started + 60_000, settings.displayTimezone);
  if (nextMinute.key !== dayOf(started, settings.displayTimezone).key) {
    const wait = nextMinute.startMs - started + 1000;
    test.setTimeout(test.info().timeout + wait);
    await new Promise((done) => setTimeout(done, wait));
  }
  const db = new Database(join(host.dataDir, 'ridgeline.db'));
  const insert = db.prepare(
    `INSERT INTO api_usage (occurred_at, provider, model, operation, input_tokens, output_tokens, cost_usd, success, task_id)
     VALUES (?, ?, ?, 'generate', ?, ?, ?, 1, ?)`,
  );
  const now = Date.now();
  insert.run(now, 'anthropic', 'claude-sonnet', 1200, 300, 0.75, task.id);
  insert.run(now - 3 * 86_400_000, 'openai', 'gpt-mini', 800, 200, 0.25, null);
  db.close();

  const summary = await apiCall(request, host, 'usage.summary', {
    from: new Date(now - 31 * 86_400_000).toISOString(),
  });
  expect(summary.totals.costUsd).toBeCloseTo(1);

  await page.goto(`${new URL(page.url()).origin}/#/spend`);
  await expect(page.getByTestId('spent-today')).toContainText('$0.75');
  await expect(page.getByTestId('spent-today')).toContainText('of $2.00');
  const month = summary.budgets.find((b) => b.budget === 'monthly')!;
  await expect(page.getByTestId('spent-month')).toContainText(`$${month.spentUsd.toFixed(2)}`);

  const perDay = page.getByTestId('chart-cost-per-day');
  // One bar per day with calls; the rest of the 30 days are zero-height bars Recharts leaves out.
  await expect(perDay.locator('.recharts-bar-rectangle path')).toHaveCount(summary.byDay.length);
  await expect(perDay.locator('.budget-line')).toHaveCount(1);
  await expect(perDay.getByText('Daily budget $2.00')).toBeVisible();
  await expect(perDay.getByText('80%')).toBeVisible();
  await expect(page.getByTestId('chart-month-to-date').getByText('Monthly budget $40.00')).toBeVisible();
  await expect(page.getByTestId('chart-tokens-per-day').locator('.recharts-bar-rectangle path')).toHaveCount(
    summary.byDay.length * 2,
  );
  await expect(page.getByTestId('chart-by-provider')).toContainText('anthropic');
  await expect(page.getByTestId('chart-by-model')).toContainText('gpt-mini');
  await expect(page.getByTestId('chart-by-task')).toContainText('Morning briefing');
  await expect(page.getByRole('table', { name: 'By provider' })).toContainText('anthropic');
});
