// Every template of the gallery installed on a fresh data directory: each lists what it needs as
// checked on this host (the key, the programs on PATH, the project, the notification server), links
// to the place in Settings that meets it, and installs either ready or paused saying why. Axe checks
// the gallery and the board light and dark; screenshots at 800, 1280 and 1920 px go to test-results.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card } from './board-page';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const templates = [
  { id: 'disk-backup-watch', name: 'Disk and backup watch' },
  { id: 'morning-briefing', name: 'Morning briefing' },
  { id: 'nightly-coding-chore', name: 'Nightly coding chore' },
  { id: 'nightly-repo-health', name: 'Nightly repository health' },
];

test('installs every template on a fresh data directory: each is ready or says what it still needs', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(240_000);
  const repo = mkdtempSync(join(tmpdir(), 'ridgeline-gallery-repo-'));
  execFileSync('git', ['init', '-q', repo]);
  await apiCall(request, host, 'projects.create', { name: 'App', workDir: repo });
  const backups = mkdtempSync(join(tmpdir(), 'ridgeline-backups-'));
  const found: string[] = [];

  const openGallery = async () => {
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    const gallery = page.getByRole('dialog');
    await expect(gallery.getByRole('heading', { name: 'Templates' })).toBeVisible();
    await gallery.getByLabel('Install into project').selectOption({ label: 'App' });
    for (const t of templates) await expect(gallery.getByTestId(`template-needs-${t.id}`)).toBeVisible();
    return gallery;
  };

  let gallery = await openGallery();
  const briefing = gallery.getByTestId('template-morning-briefing');
  // No key anywhere on a fresh host: the secret is missing, with how to add it and where.
  const secret = briefing.locator('li', { hasText: 'Secret: anthropic_api_key' });
  await expect(secret).toContainText('not in the keychain or the environment');
  await expect(secret).toContainText('ANTHROPIC_API_KEY');
  await expect(secret.getByRole('link', { name: 'Open Settings → Secrets' })).toHaveAttribute(
    'href',
    '#/settings?section=secrets',
  );
  // The project chosen above is a git repository: that need is met.
  await expect(
    gallery.getByTestId('template-nightly-repo-health').locator('li.need-met', { hasText: 'Project' }),
  ).toContainText('project "App"');
  await expect(
    gallery.getByTestId('template-nightly-coding-chore').locator('li', { hasText: 'Program: git' }),
  ).toContainText('found at');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page, `${scheme} gallery`)));
    for (const width of [800, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/gallery-needs-${scheme}-${width}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });

  // A Settings link closes the gallery and opens Settings at that section.
  await secret.getByRole('link', { name: 'Open Settings → Secrets' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/settings\?section=secrets$/);
  await expect(page.getByRole('heading', { name: 'Secrets' })).toBeFocused();
  await page.goto(page.url().replace(/#.*$/, '#/board'));

  for (const template of templates) {
    gallery = await openGallery();
    const item = gallery.getByTestId(`template-${template.id}`);
    if (template.id === 'disk-backup-watch') await item.getByLabel('backup_dir (required)').fill(backups);
    if (template.id === 'nightly-repo-health') await item.getByLabel('repo_dir (required)').fill(repo);
    const ready = (await item.locator('li.need-unmet').count()) === 0;
    await item.getByRole('button', { name: `${ready ? 'Install' : 'Install paused'} ${template.name}` }).click();
    await expect(gallery).toHaveCount(0);
    await expect(card(page, template.name)).toBeVisible();
    if (!ready)
      await expect(card(page, template.name).getByTestId('card-paused-reason')).toContainText('it still needs');
  }

  const listed = (await apiCall(request, host, 'tasks.list', {})).items;
  const tasks = await Promise.all(listed.map((t) => apiCall(request, host, 'tasks.get', { id: t.id })));
  expect(tasks.map((t) => t.title).sort()).toEqual(templates.map((t) => t.name).sort());
  for (const task of tasks) {
    const check = await apiCall(request, host, 'templates.check', {
      id: templates.find((t) => t.name === task.title)!.id,
      projectId: task.projectId,
    });
    // Each task is either ready and scheduled, or paused saying what is missing.
    if (check.ready) expect(task).toMatchObject({ paused: false, pausedReason: null });
    else {
      expect(task.paused).toBe(true);
      for (const need of check.needs.filter((n) => !n.met)) expect(task.pausedReason).toContain(need.name);
    }
  }

  // The task form says why a paused task waits.
  const chore = tasks.find((t) => t.title === 'Nightly coding chore')!;
  expect(chore.paused).toBe(true);
  await card(page, 'Nightly coding chore').click();
  await expect(page.getByRole('dialog').getByTestId('task-paused-banner')).toContainText('it still needs');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page, `${scheme} paused task form`)));
  }
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page, `${scheme} board with paused templates`)));
    for (const width of [800, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/gallery-board-${scheme}-${width}.png` });
    }
  }
  expect(found).toEqual([]);
});
