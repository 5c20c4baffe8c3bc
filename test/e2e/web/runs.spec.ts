// Runs on the board: Run now on a task with a shell pipeline, the run turning Succeeded live, its
// log in the details panel, cancelling a long run there, and the header's queue summary meanwhile.
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

async function openRuns(page: Page, title: string): Promise<void> {
  await card(page, title).click();
  await expect(taskForm(page).getByRole('heading', { name: 'Edit task' })).toBeVisible();
  await taskForm(page).getByRole('tab', { name: 'Runs' }).click();
  await expect(taskForm(page).getByTestId('run-history')).toBeVisible();
}

test('Run now runs a shell pipeline; the run turns Succeeded live and its log shows the output', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', {
    title: 'Say hello',
    pipeline: {
      steps: [{ id: 'hello', uses: 'shell.exec', with: { argv: ['node', '-e', "console.log('hello from step')"] } }],
    },
  });
  await expect(card(page, 'Say hello')).toBeVisible();
  await openRuns(page, 'Say hello');
  await expect(taskForm(page).getByTestId('no-runs')).toBeVisible();

  await taskForm(page).getByRole('button', { name: 'Run now' }).click();
  const row = taskForm(page).getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 15_000 });
  await expect(row).toContainText('Manual');
  await expect(row).toContainText(/Finished \w{3} \d{1,2}:\d{2} [AP]M M[SD]T/);

  await row.click();
  const details = taskForm(page).getByTestId('run-details');
  await expect(details.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(details.getByTestId('run-log')).toContainText('hello from step');
  await expect(details.getByRole('list', { name: 'Steps' })).toContainText('hello');
  await expect(details.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await taskForm(page).screenshot({ path: '/tmp/run-details.png' });
  // The card shows the last run's outcome.
  await expect(card(page, 'Say hello').getByTestId('card-last-run')).toContainText('Succeeded');
});

test('a long run shows in the queue summary and can be cancelled from its details', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', {
    title: 'Sleep a minute',
    pipeline: {
      steps: [{ id: 'sleep', uses: 'shell.exec', with: { argv: ['node', '-e', 'setTimeout(()=>{},60000)'] } }],
    },
  });
  await expect(page.getByTestId('queue-summary')).toHaveText('Queue idle');
  await openRuns(page, 'Sleep a minute');
  await taskForm(page).getByRole('button', { name: 'Run now' }).click();
  const row = taskForm(page).getByTestId('run-row');
  await expect(row.getByTestId('run-status')).toHaveText('Running', { timeout: 15_000 });
  await expect(page.getByTestId('queue-summary')).toHaveText('1 running');

  await row.click();
  const details = taskForm(page).getByTestId('run-details');
  await details.getByRole('button', { name: 'Cancel run' }).click();
  await expect(details.getByTestId('run-status')).toHaveText('Cancelled', { timeout: 15_000 });
  await expect(details.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await details.getByRole('button', { name: '← All runs' }).click();
  await expect(row.getByTestId('run-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('queue-summary')).toHaveText('Queue idle');
});

test('the queue popover names the running task', async ({ board: page, host, request }) => {
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Long job',
    pipeline: {
      steps: [{ id: 'sleep', uses: 'shell.exec', with: { argv: ['node', '-e', 'setTimeout(()=>{},60000)'] } }],
    },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await expect(page.getByTestId('queue-summary')).toHaveText('1 running', { timeout: 15_000 });
  await page.getByTestId('queue-summary').click();
  const popover = page.getByRole('dialog', { name: 'Queue' });
  await expect(popover.getByTestId('queue-item')).toContainText('Long job');
  await expect(popover.getByTestId('queue-item')).toContainText(/since \w{3} \d{1,2}:\d{2} [AP]M/);
  await apiCall(request, host, 'runs.cancel', { id: run.id });
  await expect(page.getByTestId('queue-summary')).toHaveText('Queue idle', { timeout: 15_000 });
});

test('the steps editor reports bad JSON inline and the server’s pipeline issues under it', async ({ board: page }) => {
  await page.getByRole('button', { name: 'New task' }).click();
  await taskForm(page).getByLabel('Title', { exact: true }).fill('Bad steps');
  const steps = taskForm(page).getByLabel('Steps (JSON or YAML)');
  await setEditorText(steps, '{"steps": [');
  await expect(taskForm(page).getByTestId('error-pipeline')).toContainText('Not valid JSON');
  await taskForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(taskForm(page).getByTestId('form-error')).toContainText('not valid JSON');

  await setEditorText(steps, '{"steps":[{"id":"x","uses":""}]}');
  await taskForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(taskForm(page).getByTestId('error-pipeline')).toContainText('steps[0].uses');
});
