// What survives the host, and what a browser without the access token gets to see.
import { rmSync } from 'node:fs';
import { startHeadlessHost } from '../../helpers/headless-host';
import { apiCall } from './api';
import { card, column, createTask } from './board-page';
import { expect, openBoard, test } from './fixtures';

test('tasks survive a restart of the host on the same data directory', async ({ page }) => {
  const first = await startHeadlessHost();
  let second: Awaited<ReturnType<typeof startHeadlessHost>> | undefined;
  try {
    await openBoard(page, first.loginUrl);
    await createTask(page, { title: 'Renew the passport', status: 'Scheduled', description: 'Before March' });
    await expect(column(page, 'scheduled')).toContainText('Renew the passport');
    await first.stop();
    await expect(page.getByTestId('connection')).toHaveText('Reconnecting…');

    second = await startHeadlessHost({ dataDir: first.dataDir });
    expect(second.baseUrl).not.toBe(first.baseUrl);
    await openBoard(page, second.loginUrl);
    await expect(column(page, 'scheduled').getByTestId('task-card')).toHaveCount(1);
    await expect(card(page, 'Renew the passport')).toBeVisible();
  } finally {
    await second?.stop();
    await first.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

test('a board that lost its host catches up on what it missed once the host is back', async ({ page }) => {
  const first = await startHeadlessHost();
  const port = Number(new URL(first.baseUrl).port);
  const hosts = [first];
  try {
    await openBoard(page, first.loginUrl);
    let loads = 0;
    page.on('load', () => loads++);
    await first.stop();
    await expect(page.getByTestId('connection')).toHaveText('Reconnecting…');

    // A change made while the board could not hear about it: only a refetch can bring it in.
    const meanwhile = await startHeadlessHost({ dataDir: first.dataDir });
    hosts.push(meanwhile);
    await apiCall(page.request, meanwhile, 'tasks.create', { title: 'Made while you were away' });
    await meanwhile.stop();

    hosts.push(await startHeadlessHost({ dataDir: first.dataDir, port }));
    await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 15_000 });
    await expect(card(page, 'Made while you were away')).toBeVisible();
    expect(loads).toBe(0);
  } finally {
    for (const host of hosts) await host.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

test('without the token link the board shows no data and says which link to open', async ({
  browser,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', { title: 'Secret plans' });

  const stranger = await browser.newContext();
  try {
    const page = await stranger.newPage();
    await page.goto(host.baseUrl);
    await expect(page.getByRole('heading', { name: 'Access token needed' })).toBeVisible();
    await expect(
      page.getByText('Open the link printed by npm run serve (it contains your access token).'),
    ).toBeVisible();
    await expect(page.getByText('Secret plans')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New task' })).toHaveCount(0);

    // The same browser, once it opens the printed link, gets the board.
    await openBoard(page, host.loginUrl);
    await expect(card(page, 'Secret plans')).toBeVisible();
  } finally {
    await stranger.close();
  }
});
