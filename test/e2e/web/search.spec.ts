// The search box narrows the board, and live updates respect the search.
import { apiCall } from './api';
import { card } from './board-page';
import { expect, test } from './fixtures';

test('the search box shows only matching tasks, including ones that arrive live', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', { title: 'Book the dentist' });
  await apiCall(request, host, 'tasks.create', { title: 'Renew the car insurance', description: 'Compare quotes' });
  await expect(page.getByTestId('task-card')).toHaveCount(2);

  await page.getByLabel('Search tasks').fill('QUOTES');
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Renew the car insurance')).toBeVisible();

  await apiCall(request, host, 'tasks.create', { title: 'Get quotes for the roof' });
  await apiCall(request, host, 'tasks.create', { title: 'Call the plumber' });
  await expect(card(page, 'Get quotes for the roof')).toBeVisible();
  await expect(card(page, 'Call the plumber')).toHaveCount(0);

  await page.getByLabel('Search tasks').fill('nothing like this');
  await expect(page.getByTestId('empty-state')).toHaveText('No tasks match “nothing like this”.');

  await page.getByLabel('Search tasks').fill('');
  await expect(page.getByTestId('task-card')).toHaveCount(4);
});
