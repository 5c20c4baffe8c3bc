// A second board sees changes made elsewhere as they happen, without a reload.
import { apiCall } from './api';
import { card, column, createTask, deleteTask, editTask } from './board-page';
import { expect, openBoard, test } from './fixtures';

test('a second tab sees a task created, updated and deleted in the first tab, live', async ({ board: first, host }) => {
  const second = await first.context().newPage();
  await openBoard(second, host.baseUrl);
  await expect(second.getByTestId('empty-state')).toBeVisible();
  // The second tab must learn everything live: any reload there would make the test meaningless.
  let secondLoads = 0;
  second.on('load', () => secondLoads++);

  await createTask(first, { title: 'Water the plants', priority: 'Low' });
  await expect(card(second, 'Water the plants')).toBeVisible();
  await expect(column(second, 'scheduled').getByTestId('column-count')).toHaveText('1');
  await expect(card(second, 'Water the plants')).toContainText('Low');

  await editTask(first, 'Water the plants', { title: 'Water the ferns', priority: 'Urgent' });
  await expect(card(second, 'Water the ferns')).toContainText('Urgent');
  await expect(card(second, 'Water the plants')).toHaveCount(0);
  await expect(column(second, 'scheduled').getByTestId('column-count')).toHaveText('1');

  await card(first, 'Water the ferns').click();
  await first.getByRole('dialog').getByRole('button', { name: 'Pause' }).click();
  await expect(card(second, 'Water the ferns')).toContainText('Paused');
  await first.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await deleteTask(first, 'Water the ferns');
  await expect(card(second, 'Water the ferns')).toHaveCount(0);
  await expect(second.getByTestId('empty-state')).toBeVisible();

  expect(secondLoads).toBe(0);
});

test('a board shows a task another client (the CLI, an agent) creates through the API', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', { title: 'Made by an agent', priority: 'urgent' });
  await expect(column(page, 'scheduled')).toContainText('Made by an agent');
  await expect(column(page, 'scheduled').getByRole('heading')).toContainText('Scheduled');
});
