// A run's outcome and people's ratings on the board: the run page shows each success criterion's
// result and the completion summary and rates the run; the task form shows the actual hours beside
// the estimate, takes criteria with a measurable, and rates the task. Axe-checked, light and dark.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the run page shows criteria results and the summary, and rates the run and the task', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(120_000);
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Release notes',
    estimatedHours: 2,
    successCriteria: [
      { criterion: 'The build passes', measurable: 'steps.build.exit_code == `0`' },
      { criterion: 'Mentions the version', measurable: "contains(steps.build.stdout, 'v2')" },
      'Reads well',
    ],
    pipeline: {
      steps: [{ id: 'build', uses: 'shell.exec', summary: true, with: { argv: ['echo', 'Built 14 packages'] } }],
    },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await expect
    .poll(async () => (await apiCall(request, host, 'runs.get', { id: run.id })).run.status)
    .toBe('succeeded');

  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#/runs/${run.id}`);
  const results = page.getByTestId('criteria-results').getByRole('listitem');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText('Met');
  await expect(results.nth(1)).toContainText('Unmet');
  await expect(results.nth(2)).toContainText('Not checked');
  await expect(page.getByTestId('run-summary')).toHaveText('Built 14 packages');

  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('run-details').locator('.run-outcome').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/feedback-run-${scheme}-${width}.png`, fullPage: true });
    }
    found.push(...(await seriousViolations(page, `${scheme} run page`)));
  }

  const rating = page.getByTestId('rating-form');
  await rating.getByLabel('Quality').selectOption('4');
  await rating.getByLabel('Timeliness').selectOption('2');
  await rating.getByLabel('Notes').fill('Late but right');
  await rating.getByRole('button', { name: 'Save rating' }).click();
  await expect(rating.getByRole('status')).toHaveText('Saved: quality 4/5, timeliness 2/5');
  await expect(rating.getByRole('button', { name: 'Update rating' })).toBeVisible();
  const afterRun = await apiCall(request, host, 'ratings.list', { runId: run.id });
  expect(afterRun.items).toMatchObject([{ quality: 4, timeliness: 2, notes: 'Late but right', runId: run.id }]);

  await page.goto(`${origin}/#/board`);
  await expect(card(page, 'Release notes').getByTestId('card-hours')).toHaveText(/ of 2 h estimated$/);
  await card(page, 'Release notes').click();
  const form = taskForm(page);
  await expect(form.getByLabel('Success criteria', { exact: true })).toHaveValue(
    "The build passes => steps.build.exit_code == `0`\nMentions the version => contains(steps.build.stdout, 'v2')\nReads well",
  );
  await expect(form.getByTestId('actual-hours')).toHaveText(/ of 2 h estimated$/);
  const taskRating = form.getByTestId('task-rating');
  await taskRating.getByLabel('Quality').selectOption('5');
  await taskRating.getByRole('button', { name: 'Save rating' }).click();
  await expect(taskRating.getByRole('status')).toHaveText('Saved: quality 5/5, timeliness 3/5');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await taskRating.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/feedback-task-${scheme}-${width}.png` });
    }
    found.push(...(await seriousViolations(page, `${scheme} task form`)));
  }
  const afterTask = await apiCall(request, host, 'ratings.list', { taskId: task.id });
  expect(afterTask.total).toBe(2);
  expect(found).toEqual([]);

  // A measurable that is not JMESPath is refused with the line it is on.
  await form.getByLabel('Success criteria', { exact: true }).fill('Fine\nBroken => steps.build.exit_code ==');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByTestId('error-successCriteria')).toContainText('not a valid JMESPath expression');
});
