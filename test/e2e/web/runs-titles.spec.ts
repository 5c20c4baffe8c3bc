// Runs name their task however many tasks there are: the run lists know the first 500 tasks by
// title, and ask for any other task a row in view belongs to.
import { apiCall } from './api';
import { expect, test } from './fixtures';

test('a run of a task past the first 500 by title names its task in the list and on its page', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(90_000);
  for (let n = 1; n <= 500; n++) {
    await apiCall(request, host, 'tasks.create', { title: `Alpha ${String(n).padStart(3, '0')}` });
  }
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Zebra count',
    pipeline: { steps: [{ id: 'count', uses: 'shell.exec', with: { argv: ['node', '-e', 'console.log(1)'] } }] },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });

  await page.goto(`${host.baseUrl}/#/runs`);
  const row = page.getByTestId('runs-list').locator(`[data-run-id="${run.id}"]`);
  await expect(row).toContainText('Zebra count');
  await expect(row).not.toContainText(task.id);

  await row.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Zebra count' })).toBeVisible();
});
