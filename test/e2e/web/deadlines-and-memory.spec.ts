// Deadlines and memory between runs on the board: At risk and Overdue badges on the cards and a
// notice in the form; a task's progress log and shared context in its form's "Progress & context"
// tab and on the run page, carried from one run to the next; axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';

const HOUR = 3_600_000;

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const briefing = {
  steps: [
    { id: 'start', uses: 'task.progress', with: { percent: 40, message: 'Read the weather' } },
    { id: 'remember', uses: 'context.set', with: { path: 'briefing.lastRun', value: '${run.id}' } },
    { id: 'done', uses: 'task.progress', with: { percent: 100, message: 'Briefing sent' } },
  ],
};

test('cards mark tasks at risk and overdue; the form shows progress and the shared context runs wrote', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(120_000);
  await apiCall(request, host, 'tasks.create', {
    title: 'Quarterly report',
    deadline: new Date(Date.now() + 2 * HOUR).toISOString(),
  });
  await apiCall(request, host, 'tasks.create', {
    title: 'File taxes',
    deadline: new Date(Date.now() - HOUR).toISOString(),
  });
  const task = await apiCall(request, host, 'tasks.create', { title: 'Morning briefing', pipeline: briefing });
  for (let i = 0; i < 2; i++) {
    const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
    await expect
      .poll(async () => (await apiCall(request, host, 'runs.get', { id: run.id })).run.status, { timeout: 15_000 })
      .toBe('succeeded');
  }
  const origin = new URL(page.url()).origin;
  const found: string[] = [];
  const shots: Array<[string, number]> = [];

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${origin}/#/board`);
      await expect(card(page, 'Quarterly report').getByTestId('card-deadline')).toHaveText('At risk');
      await expect(card(page, 'File taxes').getByTestId('card-deadline')).toHaveText('Overdue');
      await expect(card(page, 'Morning briefing').getByTestId('card-deadline')).toHaveCount(0);
      await page.screenshot({ path: `/tmp/ridgeline-deadlines-board-${scheme}-${width}.png` });
      shots.push([`board ${scheme}`, width]);

      await card(page, 'File taxes').click();
      await expect(taskForm(page).getByTestId('deadline-notice')).toHaveText(
        /^Overdue: it was due \w{3} \d{1,2}, \d{1,2}:\d{2} [AP]M M[SD]T and no run has succeeded\.$/,
      );
      await taskForm(page).screenshot({ path: `/tmp/ridgeline-deadlines-form-${scheme}-${width}.png` });
      await page.keyboard.press('Escape');

      await card(page, 'Morning briefing').click();
      await taskForm(page).getByRole('tab', { name: 'Progress & context' }).click();
      const memory = taskForm(page).getByTestId('task-memory');
      await expect(memory.getByTestId('progress-list').getByRole('listitem')).toHaveCount(4);
      await expect(memory.getByTestId('progress-list')).toContainText('Briefing sent');
      await expect(memory.getByTestId('context-current')).toContainText('Version 2');
      await expect(memory.getByTestId('context-json')).toContainText('"lastRun"');
      found.push(...(await seriousViolations(page, `${scheme} ${width} memory tab`)));
      await taskForm(page).screenshot({ path: `/tmp/ridgeline-memory-${scheme}-${width}.png` });

      await taskForm(page).getByRole('tab', { name: 'Runs' }).click();
      await taskForm(page).getByTestId('run-row').first().click();
      const details = taskForm(page).getByTestId('run-details');
      await expect(details.getByTestId('progress-list').getByRole('listitem')).toHaveCount(2);
      found.push(...(await seriousViolations(page, `${scheme} ${width} run page`)));
      await taskForm(page).screenshot({ path: `/tmp/ridgeline-run-progress-${scheme}-${width}.png` });
      await page.keyboard.press('Escape');
    }
    found.push(...(await seriousViolations(page, `${scheme} board`)));
  }
  expect(found).toEqual([]);
  expect(shots).toHaveLength(4);

  // A reset from the form: the next run starts without memory; the history stays.
  await page.goto(`${origin}/#/board`);
  await card(page, 'Morning briefing').click();
  await taskForm(page).getByRole('tab', { name: 'Progress & context' }).click();
  await taskForm(page).getByRole('button', { name: 'Reset context' }).click();
  await expect(taskForm(page).getByTestId('context-current')).toContainText('Version 3 · reset');
  await expect(taskForm(page).getByTestId('context-json')).toHaveText('{}');

  // A shorter lead time in Settings: the report, due in 2 h, is no longer at risk.
  await page.keyboard.press('Escape');
  await page.goto(`${origin}/#/settings`);
  const notifications = page.getByTestId('settings-notifications');
  await notifications.getByLabel('A task is at risk this many hours before its deadline').fill('1');
  await notifications.getByRole('button', { name: 'Save' }).click();
  await expect(notifications.getByRole('status')).toHaveText('Saved');
  await notifications.screenshot({ path: '/tmp/ridgeline-settings-deadlines-dark.png' });
  await page.goto(`${origin}/#/board`);
  await expect(card(page, 'Quarterly report')).toBeVisible();
  await expect(card(page, 'Quarterly report').getByTestId('card-deadline')).toHaveCount(0);
  await expect(card(page, 'File taxes').getByTestId('card-deadline')).toHaveText('Overdue');
});
