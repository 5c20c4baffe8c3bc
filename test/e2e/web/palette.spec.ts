// The command palette and the keyboard shortcuts, used without a mouse: every step is a key press.
import { apiCall } from './api';
import { card, column, taskForm } from './board-page';
import { expect, test } from './fixtures';

test('the palette jumps to pages, tasks and runs, runs and pauses a task, all from the keyboard', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', {
    title: 'Water the ferns',
    pipeline: { steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['node', '-e', "console.log('ok')"] } }] },
  });
  await apiCall(request, host, 'tasks.create', { title: 'Feed the cat' });
  await expect(page.getByTestId('task-card')).toHaveCount(2);

  // A page by name.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('spend');
  // Enter acts on the highlighted entry: wait until the filter has put the page first.
  await expect(palette.getByRole('option', { name: /spend/i, selected: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/spend$/);
  await expect(palette).toHaveCount(0);

  // Run a task now: the palette opens its run.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('ferns');
  await expect(palette.getByRole('option', { name: 'Run “Water the ferns” now' })).toBeVisible();
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/runs\/[^/?]+$/);
  await expect(page.getByTestId('run-details').getByTestId('run-status').first()).toHaveText('Succeeded', {
    timeout: 15_000,
  });

  // Pause it, then jump to it: the board opens its form.
  await page.keyboard.press('Meta+k');
  await page.keyboard.type('ferns');
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(palette.getByRole('option', { name: 'Pause “Water the ferns”' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option', { name: 'Pause “Water the ferns”' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('ferns');
  await expect(palette.getByRole('option', { name: 'Resume “Water the ferns”' })).toBeVisible();
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(palette.locator('[cmdk-item][aria-selected="true"]')).toHaveAttribute('data-value', /^task:/);
  await page.keyboard.press('Enter');
  await expect(taskForm(page).getByRole('heading', { name: 'Edit task' })).toBeVisible();
  await expect(taskForm(page).getByLabel('Title', { exact: true })).toHaveValue('Water the ferns');
  await page.keyboard.press('Escape');
  await expect(taskForm(page)).toHaveCount(0);
  await expect(card(page, 'Water the ferns')).toContainText('Paused');

  // A recent run by its task's name.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('ferns succeeded');
  await expect(palette.getByRole('option', { name: /Water the ferns.*Succeeded/ })).toBeVisible();
});

test('shortcuts: / searches, n opens a new task, ? lists them, g then r goes to runs; focus comes back', async ({
  board: page,
  request,
  host,
}) => {
  await apiCall(request, host, 'tasks.create', { title: 'Renew the passport' });
  await expect(column(page, 'scheduled')).toContainText('Renew the passport');

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search tasks')).toBeFocused();
  await page.keyboard.type('passport');
  await expect(page).toHaveURL(/q=passport/);
  await page.keyboard.press('Tab');

  // Focus on a card, a dialog over it, and back to the card when it closes.
  await card(page, 'Renew the passport').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByTestId('shortcuts')).toContainText('Open the command palette');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(card(page, 'Renew the passport')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(taskForm(page).getByRole('heading', { name: 'Edit task' })).toBeVisible();
  // Letters typed in the form are text, not shortcuts.
  await page.keyboard.press('n');
  await expect(taskForm(page).getByRole('heading', { name: 'Edit task' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(taskForm(page)).toHaveCount(0);
  await expect(card(page, 'Renew the passport')).toBeFocused();

  await page.keyboard.press('n');
  await expect(taskForm(page).getByRole('heading', { name: 'New task' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(taskForm(page)).toHaveCount(0);

  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page).toHaveURL(/#\/runs$/);
  await page.keyboard.press('g');
  await page.keyboard.press('b');
  await expect(page).toHaveURL(/#\/board$/);
});
