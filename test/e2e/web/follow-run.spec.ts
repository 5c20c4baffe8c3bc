// A running run is followed from the board to its own page, which stays live: new log lines arrive
// and the run's end shows without a reload.
import { apiCall } from './api';
import { card, column } from './board-page';
import { expect, test } from './fixtures';

const TICKS = "let n=0; const t=setInterval(()=>{console.log('tick '+(++n)); if(n===24){clearInterval(t)}},250)";

test('a running run opens from the board’s queue and from its task, and its page follows it live', async ({
  board: page,
  host,
  request,
}) => {
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Count slowly',
    pipeline: { steps: [{ id: 'count', uses: 'shell.exec', with: { argv: ['node', '-e', TICKS] } }] },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await expect(column(page, 'running').getByTestId('task-card').filter({ hasText: 'Count slowly' })).toBeVisible();

  await page.getByTestId('queue-summary').click();
  await page.getByRole('dialog', { name: 'Queue' }).getByRole('link', { name: 'Count slowly' }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${run.id}$`));
  const details = page.getByTestId('run-details');
  await expect(details.getByRole('heading', { level: 2, name: 'Count slowly' })).toBeVisible();
  await expect(details.getByText('Running', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('run-log')).toContainText('tick 2');
  await expect(page.getByTestId('run-log')).toContainText('tick 24', { timeout: 15_000 });
  await expect(details.getByText('Succeeded', { exact: true }).first()).toBeVisible({ timeout: 15_000 });

  // From the task: its form lists the run, and the run's details link to its page.
  await page.goto(`${host.baseUrl}/#/board`);
  await card(page, 'Count slowly').click();
  await page.getByRole('tab', { name: 'Runs' }).click();
  await page.getByTestId('run-row').first().click();
  await expect(page.getByTestId('run-page-link')).toHaveAttribute('href', `#/runs/${run.id}`);
});
