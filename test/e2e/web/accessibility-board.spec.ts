// axe-core on the pages with data in them — the board's columns and filters, the Spend charts, the
// dependency graph, the command palette and the shortcuts list — in the light and the dark theme.
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the board, Spend, Graph, the palette and the shortcuts list pass axe in both themes', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(180_000);
  const slow = {
    steps: [{ id: 'wait', uses: 'shell.exec', with: { argv: ['node', '-e', 'setTimeout(()=>{},60000)'] } }],
  };
  const build = await apiCall(request, host, 'tasks.create', { title: 'Build', pipeline: slow });
  const deploy = await apiCall(request, host, 'tasks.create', { title: 'Deploy', dependsOn: [build.id] });
  await apiCall(request, host, 'tasks.create', {
    title: 'Weekly digest',
    schedule: { kind: 'cron', expr: '0 9 * * 1' },
    priority: 'high',
  });
  await apiCall(request, host, 'settings.update', { budgets: { dailyUsd: 2, monthlyUsd: 40 } });
  const db = new Database(join(host.dataDir, 'ridgeline.db'));
  db.prepare(
    `INSERT INTO api_usage (occurred_at, provider, model, operation, input_tokens, output_tokens, cost_usd, success, task_id)
     VALUES (?, 'anthropic', 'claude-sonnet', 'generate', 1000, 200, 1.7, 1, ?)`,
  ).run(Date.now() - 60_000, build.id);
  db.close();
  await apiCall(request, host, 'tasks.runNow', { id: build.id });
  await apiCall(request, host, 'tasks.runNow', { id: deploy.id });
  const origin = new URL(page.url()).origin;

  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${origin}/#/board?priority=high`);
    await expect(page.getByTestId('task-card')).toHaveCount(1);
    await page.goto(`${origin}/#/board`);
    await expect(page.getByTestId('card-waiting')).toBeVisible();
    found.push(...(await seriousViolations(page, `${scheme} board`)));
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toBeVisible();
    found.push(...(await seriousViolations(page, `${scheme} palette`)));
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toBeVisible();
    found.push(...(await seriousViolations(page, `${scheme} shortcuts`)));
    await page.keyboard.press('Escape');

    await page.goto(`${origin}/#/spend`);
    await expect(page.getByTestId('chart-cost-per-day').locator('.recharts-bar-rectangle')).not.toHaveCount(0);
    found.push(...(await seriousViolations(page, `${scheme} spend`)));
    await page.goto(`${origin}/#/graph`);
    await expect(page.getByTestId('graph-node')).toHaveCount(2);
    found.push(...(await seriousViolations(page, `${scheme} graph`)));
  }
  expect(found).toEqual([]);
});
