// The board's columns come from each task's runs, not from a status set by hand: one task in each
// state, run for real through the headless host, and the view's filters kept in the address.
import { apiCall } from './api';
import { card, column } from './board-page';
import { expect, test } from './fixtures';

const node = (code: string) => ({ steps: [{ id: 'step', uses: 'shell.exec', with: { argv: ['node', '-e', code] } }] });
const once = { maxAttempts: 1 };

test('each task stands in the column its runs put it in, with the waiting reason and last run on the card', async ({
  board: page,
  host,
  request,
}) => {
  const call = <K extends Parameters<typeof apiCall>[2]>(name: K, input: Parameters<typeof apiCall<K>>[3]) =>
    apiCall(request, host, name, input);
  const weekly = await call('tasks.create', {
    title: 'Weekly digest',
    schedule: { kind: 'cron', expr: '0 9 * * 1' },
    pipeline: node("console.log('digest')"),
  });
  const invoice = await call('tasks.create', { title: 'Send invoice', pipeline: node("console.log('sent')") });
  const broken = await call('tasks.create', {
    title: 'Broken sync',
    pipeline: node('process.exit(3)'),
    retryPolicy: once,
  });
  const importer = await call('tasks.create', {
    title: 'Long import',
    pipeline: node('setTimeout(() => {}, 60000)'),
  });
  const publish = await call('tasks.create', {
    title: 'Publish report',
    dependsOn: [importer.id],
    pipeline: node("console.log('published')"),
  });
  const release = await call('tasks.create', {
    title: 'Ship release',
    pipeline: { steps: [{ id: 'ask', uses: 'approval.request', with: { question: 'Ship 2.0?' } }] },
  });
  await call('tasks.create', { title: 'Never run' });

  for (const task of [weekly, invoice, broken, importer, release]) await call('tasks.runNow', { id: task.id });
  await expect(column(page, 'running')).toContainText('Long import');
  await call('tasks.runNow', { id: publish.id });

  await expect(column(page, 'done')).toContainText('Send invoice');
  await expect(column(page, 'failed')).toContainText('Broken sync');
  await expect(column(page, 'attention')).toContainText('Ship release');
  await expect(column(page, 'waiting')).toContainText('Publish report');
  await expect(card(page, 'Publish report').getByTestId('card-waiting')).toHaveText(
    'Waiting for "Long import" to succeed',
  );
  // A recurring task whose run succeeded goes back to Scheduled: it has more runs to come.
  await expect(card(page, 'Weekly digest').getByTestId('card-last-run')).toContainText('Succeeded');
  await expect(column(page, 'scheduled')).toContainText('Weekly digest');
  await expect(column(page, 'scheduled')).toContainText('Never run');
  await expect(card(page, 'Weekly digest').getByTestId('card-schedule')).toHaveText(
    'At 09:00 on Monday, Mountain Time',
  );
  await expect(card(page, 'Weekly digest').getByTestId('card-next-run')).toContainText(/Mon 9:00 AM M[SD]T/);
  await expect(card(page, 'Broken sync').getByTestId('card-last-run')).toContainText('Failed');

  const counts = Object.fromEntries(
    await Promise.all(
      ['scheduled', 'waiting', 'running', 'attention', 'failed', 'done'].map(
        async (c) => [c, await column(page, c).getByTestId('column-count').textContent()] as const,
      ),
    ),
  );
  expect(counts).toEqual({ scheduled: '2', waiting: '1', running: '1', attention: '1', failed: '1', done: '1' });
  const listed = await call('tasks.list', { limit: 1 });
  expect(listed.columns).toEqual({ scheduled: 2, waiting: 1, running: 1, attention: 1, failed: 1, done: 1 });
});

test('filters and sort live in the address: set, reloaded, and gone back to', async ({
  board: page,
  host,
  request,
}) => {
  const project = await apiCall(request, host, 'projects.create', { name: 'Lighthouse' });
  await apiCall(request, host, 'tasks.create', { title: 'Rotate keys', priority: 'urgent', projectId: project.id });
  await apiCall(request, host, 'tasks.create', {
    title: 'Tidy notes',
    priority: 'low',
    taskType: 'chores',
    tags: ['Ops', 'weekly'],
  });
  const broken = await apiCall(request, host, 'tasks.create', {
    title: 'Broken sync',
    pipeline: node('process.exit(3)'),
    retryPolicy: once,
  });
  await apiCall(request, host, 'tasks.runNow', { id: broken.id });
  await expect(column(page, 'failed')).toContainText('Broken sync');

  await page.getByLabel('Has failures').check();
  await expect(page).toHaveURL(/#\/board\?failures=1$/);
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Has failures')).toBeChecked();
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('task-card')).toHaveCount(3);

  await page.getByLabel('Priority', { exact: true }).selectOption('urgent');
  await expect(page).toHaveURL(/priority=urgent/);
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Rotate keys')).toBeVisible();
  await page.getByLabel('Priority', { exact: true }).selectOption('');
  await page.getByLabel('Project', { exact: true }).selectOption(project.id);
  await expect(page).toHaveURL(new RegExp(`project=${project.id}`));
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await page.getByLabel('Project', { exact: true }).selectOption('');

  await page.getByLabel('Tag', { exact: true }).fill('ops');
  await expect(page).toHaveURL(/tag=ops/);
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Tidy notes').locator('.badge-tag')).toHaveText(['Tag Ops', 'Tag weekly']);
  await page.getByLabel('Tag', { exact: true }).fill('');
  await expect(page.getByTestId('task-card')).toHaveCount(3);

  // The search reads type and project name too.
  await page.getByLabel('Search tasks').fill('chores');
  await expect(page).toHaveURL(/q=chores/);
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Tidy notes')).toBeVisible();
  await page.getByLabel('Search tasks').fill('');

  await page.getByLabel('Column', { exact: true }).selectOption('failed');
  await expect(page).toHaveURL(/column=failed/);
  await expect(page.getByTestId('column-scheduled')).toHaveCount(0);
  await expect(column(page, 'failed').getByTestId('task-card')).toHaveCount(1);
  await page.getByLabel('Column', { exact: true }).selectOption('');

  await page.getByLabel('Sort', { exact: true }).selectOption('title');
  await expect(page).toHaveURL(/sort=title/);
  await expect(column(page, 'scheduled').getByTestId('task-card').first()).toContainText('Rotate keys');
  await page.goto(`${new URL(page.url()).origin}/#/board?type=chores`);
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('chores');
  await expect(page.getByTestId('task-card')).toHaveCount(1);
});
