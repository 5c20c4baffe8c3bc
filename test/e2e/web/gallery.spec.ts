// The templates gallery in the board: offered once on the first start, opened from the header,
// and a template installed as a task that appears on the board.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall } from './api';
import { card } from './board-page';
import { expect, openBoard, test } from './fixtures';

test('installs the disk and backup watch from the gallery and shows it on the board', async ({
  board,
  host,
  request,
}) => {
  const backups = mkdtempSync(join(tmpdir(), 'ridgeline-backups-'));
  await board.getByRole('button', { name: 'Templates', exact: true }).click();
  const gallery = board.getByRole('dialog');
  await expect(gallery.getByRole('heading', { name: 'Templates' })).toBeVisible();
  const disk = gallery.getByTestId('template-disk-backup-watch');
  // No LLM and no key: only its notification steps need a way to show notifications.
  await expect(disk.locator('li')).toHaveText([/^.Notifications: desktop notifications/]);
  await expect(gallery.getByTestId('template-morning-briefing')).toContainText('LLM provider: anthropic');

  // backup_dir is required: installing without it names the field.
  const install = disk.getByRole('button', { name: /^Install (paused )?Disk and backup watch$/ });
  await install.click();
  await expect(disk.getByTestId('error-disk-backup-watch-backup_dir')).toHaveText('missing');

  await disk.getByLabel('backup_dir (required)').fill(backups);
  await install.click();
  await expect(gallery).toHaveCount(0);
  await expect(card(board, 'Disk and backup watch')).toBeVisible();

  const tasks = await apiCall(request, host, 'tasks.list', {});
  expect(tasks.items).toHaveLength(1);
  const task = await apiCall(request, host, 'tasks.get', { id: tasks.items[0]!.id });
  expect(task.pipeline.params).toMatchObject({ backup_dir: { type: 'string', default: backups } });
});

test('offers the gallery on the first start only', async ({ board, host, page }) => {
  const offer = board.getByTestId('gallery-offer');
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Browse templates' }).click();
  await expect(board.getByRole('dialog').getByRole('heading', { name: 'Templates' })).toBeVisible();
  await board.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await openBoard(page, host.loginUrl);
  await expect(board.getByRole('button', { name: 'Templates', exact: true })).toBeVisible();
  await expect(board.getByTestId('gallery-offer')).toHaveCount(0);
});
