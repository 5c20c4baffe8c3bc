// Nothing is lost without a question: a half-filled task, unsaved settings and a rejected save, tried
// from the keyboard, with the app's own dialog asking first and focus going back where it was.
import AxeBuilder from '@axe-core/playwright';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';

test('Escape on a half-filled new task asks first; keeping it keeps every character', async ({ board: page }) => {
  // A page visited before, for Back to return to.
  await page.getByRole('link', { name: 'Runs' }).first().click();
  await page.getByRole('link', { name: 'Board' }).first().click();
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page).first();
  await form.getByLabel('Title', { exact: true }).fill('Weekly invoices');
  await form.getByLabel('Description', { exact: true }).fill('Gather and file them');
  await page.keyboard.press('Escape');

  const question = page.getByTestId('confirm-dialog');
  await expect(question).toContainText('The new task has changes that are not saved');
  await expect(question.getByRole('button', { name: 'Keep as is' })).toBeFocused();
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue('Weekly invoices');
  await expect(form.getByLabel('Description', { exact: true })).toHaveValue('Gather and file them');
  await expect(form.getByLabel('Description', { exact: true })).toBeFocused();

  // Back in the browser is a way out too: it asks, and discarding closes the form.
  await page.goBack();
  await expect(question).toBeVisible();
  await expect(page).toHaveURL(/#\/board\?task=new$/);
  await question.getByRole('button', { name: 'Discard changes' }).click();
  await expect(taskForm(page)).toHaveCount(0);
  await expect(page).toHaveURL(/#\/runs$/);
  await page.getByRole('link', { name: 'Board' }).first().click();

  // An untouched form closes at once.
  await page.getByRole('button', { name: 'New task' }).click();
  await page.keyboard.press('Escape');
  await expect(taskForm(page)).toHaveCount(0);
  await expect(question).toHaveCount(0);
});

test('a rejected save lists each issue with its path and focuses the first field at fault', async ({ board: page }) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', { exact: true }).fill('Broken schedule');
  await form.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Cron' });
  await form.getByLabel('Expression', { exact: true }).fill('61 * * * *');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  const issues = form.getByTestId('form-issues');
  await expect(issues).toContainText('schedule.expr');
  await expect(form.getByLabel('Expression', { exact: true })).toBeFocused();
  await form.getByLabel('Title', { exact: true }).focus();
  await issues.getByRole('button').first().click();
  await expect(form.getByLabel('Expression', { exact: true })).toBeFocused();
});

test('a title another task already has is pointed out before saving', async ({ board: page, host, request }) => {
  await apiCall(request, host, 'tasks.create', { title: 'Morning briefing' });
  await expect(card(page, 'Morning briefing')).toBeVisible();
  await page.getByRole('button', { name: 'New task' }).click();
  await taskForm(page).getByLabel('Title', { exact: true }).fill('morning Briefing ');
  await expect(taskForm(page)).toContainText('Another task is already called "Morning briefing"');
});

test('leaving Settings with an unsaved edit asks first, and a saved one leaves freely', async ({ board: page }) => {
  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  const runsAtOnce = page.getByLabel('Runs at once', { exact: true });
  await runsAtOnce.fill('7');
  await page.getByRole('link', { name: 'Board' }).first().click();
  const question = page.getByTestId('confirm-dialog');
  await expect(question).toContainText('General settings has changes that are not saved');
  await expect(page).toHaveURL(/#\/settings$/);
  await question.getByRole('button', { name: 'Keep as is' }).click();
  await expect(runsAtOnce).toHaveValue('7');

  await page.getByTestId('settings-general').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('settings-general').getByRole('status')).toHaveText('Saved');
  await page.getByRole('link', { name: 'Board' }).first().click();
  await expect(page).toHaveURL(/#\/board/);
  await expect(question).toHaveCount(0);
});
