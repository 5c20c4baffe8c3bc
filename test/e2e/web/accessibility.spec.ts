// axe-core on every page of the board, in the light and the dark theme: no serious or critical
// violation (contrast, names, roles, landmarks) may ship.
import AxeBuilder from '@axe-core/playwright';
import { apiCall } from './api';
import { expect, test } from './fixtures';

test('no page has a serious or critical accessibility violation, light or dark', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(240_000);
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Checked task',
    pipeline: {
      steps: [
        {
          id: 'say',
          uses: 'shell.exec',
          with: { argv: ['node', '-e', "console.log('hi'); console.error('careful')"] },
        },
      ],
    },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await expect
    .poll(async () => (await apiCall(request, host, 'runs.get', { id: run.id })).run.status)
    .toBe('succeeded');
  const origin = new URL(page.url()).origin;
  const hashes = [
    '#/board',
    '#/runs',
    `#/runs/${run.id}`,
    '#/activity',
    '#/spend',
    '#/graph',
    '#/approvals',
    '#/settings',
  ];

  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const hash of hashes) {
      await page.goto(`${origin}/${hash}`);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expect(page.getByText(/^Loading/)).toHaveCount(0, { timeout: 15_000 });
      // Open every step record, so what it folds away is checked too.
      for (const summary of await page.locator('.step-record summary').all()) await summary.click();
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${scheme} ${hash}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
  }
  expect(found).toEqual([]);
});
