// The task form's "How it runs" section: dependencies chosen from the board's tasks (and shown on
// the card), the server's cycle refusal inline under Depends on, and overlap and retries kept.
import { card, createTask, taskForm } from './board-page';
import { expect, test } from './fixtures';

const exact = { exact: true };

test('dependencies, the cycle refusal and retry settings round-trip through the form', async ({ board: page }) => {
  await createTask(page, { title: 'Fetch data' });
  await createTask(page, { title: 'Build report' });
  const form = taskForm(page);
  const dependsOn = form.getByRole('group', { name: 'Depends on' });

  // B depends on A; the task itself is not offered.
  await card(page, 'Build report').click();
  await expect(dependsOn.getByRole('checkbox', { name: 'Build report' })).toHaveCount(0);
  await dependsOn.getByRole('checkbox', { name: 'Fetch data' }).check();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect(card(page, 'Build report').getByTestId('card-after')).toHaveText('After: Fetch data');
  await expect(card(page, 'Fetch data').getByTestId('card-after')).toHaveCount(0);

  await card(page, 'Build report').click();
  await expect(dependsOn.getByRole('checkbox', { name: 'Fetch data' })).toBeChecked();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);

  // A depending on B would close a cycle: the server's message shows under Depends on.
  await card(page, 'Fetch data').click();
  await dependsOn.getByRole('checkbox', { name: 'Build report' }).check();
  await form.getByLabel('Overlap', exact).selectOption('queue');
  await form.getByLabel('Attempts', exact).fill('5');
  await form.getByLabel('First retry delay (s)', exact).fill('2');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  const error = form.getByTestId('error-dependsOn');
  await expect(error).toContainText(/cycle/i);
  await expect(error).toContainText('Fetch data');
  await expect(error).toContainText('Build report');
  // What was typed survives the failed save.
  await expect(dependsOn.getByRole('checkbox', { name: 'Build report' })).toBeChecked();
  await expect(form.getByLabel('Overlap', exact)).toHaveValue('queue');
  await expect(form.getByLabel('Attempts', exact)).toHaveValue('5');

  await dependsOn.getByRole('checkbox', { name: 'Build report' }).uncheck();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);

  await page.reload();
  await expect(page.getByText('Loading tasks…')).toHaveCount(0);
  await card(page, 'Fetch data').click();
  await expect(form.getByLabel('Overlap', exact)).toHaveValue('queue');
  await expect(form.getByLabel('Attempts', exact)).toHaveValue('5');
  await expect(form.getByLabel('First retry delay (s)', exact)).toHaveValue('2');
  await expect(form.getByLabel('Runs at once', exact)).toHaveValue('1');
  await expect(dependsOn.getByRole('checkbox', { name: 'Build report' })).not.toBeChecked();
  await expect(card(page, 'Build report').getByTestId('card-after')).toHaveText('After: Fetch data');
});

test('a number out of range is explained under its field', async ({ board: page }) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', exact).fill('Too many at once');
  await form.getByLabel('Runs at once', exact).fill('65');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByTestId('error-maxConcurrentRuns')).toContainText('64');
  await expect(form.getByLabel('Runs at once', exact)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Runs at once', exact)).toHaveValue('65');
});
