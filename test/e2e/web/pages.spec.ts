// The board's pages against the built headless host in Chromium: addresses with back and forward,
// the Runs list over thousands of runs, a run's page while it runs, Activity's read state, and the
// theme toggle.
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { expect, test } from './fixtures';

const origin = (page: Page) => new URL(page.url()).origin;

/** Chooses the Task filter's task from the keyboard: open, type part of its title, Enter. */
async function pickTask(page: Page, title: string): Promise<void> {
  await page.getByLabel('Task', { exact: true }).click();
  await page.getByPlaceholder('Search tasks…').fill(title.slice(0, 5));
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first()).toHaveText(title);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Task', { exact: true })).toHaveText(new RegExp(title));
  await expect(page.getByLabel('Task', { exact: true })).toBeFocused();
}

test('each page has its own address; back and forward move between them; a run link opens its run', async ({
  board: page,
  host,
  request,
}) => {
  const task = await apiCall(request, host, 'tasks.create', { title: 'Say hi' });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });

  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const [name, hash, heading] of [
    ['Runs', '#/runs', 'Runs'],
    ['Activity', '#/activity', 'Activity'],
    ['Spend', '#/spend', 'Spend'],
    ['Graph', '#/graph', 'Graph'],
    ['Approvals', '#/approvals', 'Approvals'],
    ['Settings', '#/settings', 'Settings'],
  ] as const) {
    await nav.getByRole('link', { name, exact: false }).first().click();
    await expect(page).toHaveURL(new RegExp(`${hash.replace(/[/#]/g, '\\$&')}$`));
    await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: false }).first()).toHaveAttribute('aria-current', 'page');
  }
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Approvals', level: 2 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Graph', level: 2 })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Approvals', level: 2 })).toBeVisible();

  // Where a notification click and the tray lead.
  await page.goto(`${origin(page)}/#/runs/${run.id}`);
  await expect(page.getByTestId('run-details').getByRole('heading', { name: 'Say hi' })).toBeVisible();
  await page.goto(`${origin(page)}/#/runs`);
  await page.getByTestId('runs-row').first().click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${run.id}$`));
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Runs', level: 2 })).toBeVisible();

  await page.goto(`${origin(page)}/#/no-such-page`);
  await expect(page.getByRole('heading', { name: 'No page at this address' })).toBeVisible();
});

test('the runs list filters by status, task and trigger, and scrolls 3,000 runs with only those in view in the page', async ({
  board: page,
  host,
  request,
}) => {
  const nightly = await apiCall(request, host, 'tasks.create', { title: 'Nightly build' });
  const backup = await apiCall(request, host, 'tasks.create', { title: 'Backup' });
  // Finished runs written straight into the host's database (a real SQLite file, the same writes the
  // queue makes), since running 3,000 pipelines would take minutes.
  const db = new Database(join(host.dataDir, 'ridgeline.db'));
  const insert = db.prepare(
    `INSERT INTO runs (id, task_id, trigger, scheduled_for, status, queued_at, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.parse('2026-11-01T15:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const at = start + i * 60_000;
      const status = i % 10 === 0 ? 'failed' : 'succeeded';
      const trigger = i % 3 === 0 ? 'manual' : 'schedule';
      insert.run(
        `seed-${String(i).padStart(4, '0')}`,
        i % 2 ? backup.id : nightly.id,
        trigger,
        at,
        status,
        at,
        at,
        at + 1500,
      );
    }
  })();
  db.close();

  await page.goto(`${origin(page)}/#/runs`);
  await expect(page.getByTestId('runs-total')).toHaveText('3,000 runs');
  const rows = page.getByTestId('runs-row');
  await expect(rows.first()).toHaveAttribute('data-run-id', 'seed-2999');
  expect(await rows.count()).toBeLessThan(80);

  // Scrolling to the end pages in the older runs by cursor until the oldest shows.
  const list = page.getByTestId('runs-list');
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.locator('[data-run-id="seed-0000"]')).toBeVisible({ timeout: 300 });
  }).toPass({ intervals: [100], timeout: 30_000 });
  expect(await rows.count()).toBeLessThan(80);

  await page.getByLabel('Status', { exact: true }).selectOption('failed');
  await expect(page.getByTestId('runs-total')).toHaveText('300 runs');
  await expect(page).toHaveURL(/status=failed/);
  await pickTask(page, 'Backup');
  await page.getByLabel('Trigger', { exact: true }).selectOption('manual');
  // Failed (every 10th), Backup (odd) and manual (every 3rd): none, since every 10th is even.
  await expect(page.getByTestId('no-runs')).toHaveText('No runs match these filters.');
  await pickTask(page, 'Nightly build');
  await expect(page.getByTestId('runs-total')).toHaveText('100 runs');
  await expect(rows.first()).toContainText('Nightly build');
  await expect(rows.first()).toContainText('Manual');
  await expect(rows.first().getByTestId('run-status')).toHaveText('Failed');

  // The queued date range is read in the display timezone: the seeded runs of Nov 1 in Denver run
  // from 15:00 UTC to 07:00 UTC on Nov 2 (960 minutes, every 30th matching): 32, where a UTC day
  // would give 18.
  await page.getByLabel('From', { exact: true }).fill('2026-11-01');
  await page.getByLabel('To', { exact: true }).fill('2026-11-01');
  await expect(page.getByTestId('runs-total')).toHaveText('32 runs');
  await page.reload();
  await expect(page.getByTestId('runs-total')).toHaveText('32 runs');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('failed');
});

test("a run's page shows the step timeline and the live log while it runs", async ({ board: page, host, request }) => {
  const chatty = "for (let i = 1; i <= 12; i++) setTimeout(() => console.log('tick ' + i), i * 250)";
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Chatty job',
    pipeline: {
      steps: [
        { id: 'talk', uses: 'shell.exec', with: { argv: ['node', '-e', chatty] } },
        {
          id: 'pause',
          uses: 'shell.exec',
          with: { argv: ['node', '-e', "console.log('pausing'); setTimeout(() => {}, 2500)"] },
        },
        { id: 'never', uses: 'shell.exec', with: { argv: ['node', '-e', ''] }, if: '`false`' },
      ],
    },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await page.goto(`${origin(page)}/#/runs/${run.id}`);
  const details = page.getByTestId('run-details');
  const talk = details.getByTestId('timeline-step').filter({ hasText: 'talk' });
  await expect(talk).toHaveAttribute('data-state', 'running');
  await expect(details.getByRole('button', { name: 'Cancel run' })).toBeVisible();
  // Line by line: the log's whole text runs "tick 1" into the next line's time, so at 2 o'clock
  // "tick 1" + "2:05 PM" reads as "tick 12" long before the last tick is written.
  const logLine = (text: string) => details.getByTestId('run-log').getByText(text, { exact: true });
  await expect(logLine('tick 2')).toHaveCount(1);
  await expect(logLine('tick 12')).toHaveCount(0);
  await expect(logLine('tick 12')).toHaveCount(1, { timeout: 15_000 });
  // A step that starts while the page is open joins the timeline live.
  await expect(details.getByTestId('timeline-step').filter({ hasText: 'pause' })).toHaveAttribute(
    'data-state',
    'running',
  );

  await expect(details.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 15_000 });
  await expect(talk).toHaveAttribute('data-state', 'complete');
  await expect(details.getByTestId('timeline-step').filter({ hasText: 'never' })).toHaveAttribute(
    'data-state',
    'skipped',
  );
  // A run that succeeded has nothing to cancel, retry or roll back.
  await expect(details.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(details.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
  await expect(details.getByTestId('rollback-run')).toHaveCount(0);

  await details.getByLabel('Search the log').fill('tick 1');
  // "tick 1", "tick 10", "tick 11", "tick 12".
  await expect(details.getByTestId('run-log-count')).toHaveText(/^4 of \d+ lines$/);
  await details.getByTestId('step-record').filter({ hasText: 'talk' }).locator('summary').click();
  await expect(details.getByRole('region', { name: 'talk input' })).toContainText('tick');
});

test('Activity marks one event read, then all, and the header counts what is unread', async ({
  board: page,
  host,
  request,
}) => {
  for (const title of ['One', 'Two', 'Three']) await apiCall(request, host, 'tasks.create', { title });
  const unread = page.getByTestId('unread-count');
  await expect(unread).toHaveText('3 unread');
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: /Activity/ })
    .click();
  const events = page.getByTestId('event');
  await expect(events).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(/^\w+day, \w+ \d{1,2}, \d{4}$/);
  await expect(events.first()).toContainText(/\d{1,2}:\d{2}:\d{2} [AP]M M[SD]T/);

  await events
    .filter({ hasText: 'Created "Two"' })
    .getByRole('button', { name: /Mark read/ })
    .click();
  await expect(unread).toHaveText('2 unread');
  await expect(events.filter({ hasText: 'Created "Two"' })).toHaveAttribute('data-read', 'true');

  await apiCall(request, host, 'tasks.create', { title: 'Four' });
  await expect(events).toHaveCount(4);
  await expect(unread).toHaveText('3 unread');

  await page.getByLabel('Type', { exact: true }).selectOption('task:created');
  await expect(page).toHaveURL(/type=task%3Acreated/);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(unread).toHaveCount(0);
  await expect(events.filter({ has: page.locator('[data-read="false"]') })).toHaveCount(0);
  const stored = await apiCall(request, host, 'events.list', { unreadOnly: true });
  expect(stored.unread).toBe(0);
});

test('the theme follows the OS until toggled, and the choice is kept across a reload', async ({ board: page }) => {
  // The test code is compiled without DOM types; the page's own window does the reading.
  const background = () =>
    page.locator('html').evaluate((html) => html.ownerDocument.defaultView!.getComputedStyle(html).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  const dark = await background();

  await page.getByTestId('theme-toggle').click();
  await expect.poll(background).toBe(light);
  await expect(page.getByTestId('theme-toggle')).toHaveAccessibleName('Switch to dark theme');
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Live');
  expect(await background()).toBe(light);

  await page.getByTestId('theme-toggle').click();
  await expect.poll(background).toBe(dark);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Live');
  expect(await background()).toBe(dark);
});

test("a failed run's page shows its error and offers Retry now, which opens the new attempt", async ({
  board: page,
  host,
  request,
}) => {
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Flaky upload',
    retryPolicy: { maxAttempts: 1 },
    pipeline: { steps: [{ id: 'upload', uses: 'shell.exec', with: { argv: ['node', '-e', 'process.exit(3)'] } }] },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  await page.goto(`${origin(page)}/#/runs/${run.id}`);
  const details = page.getByTestId('run-details');
  await expect(details.getByTestId('run-status')).toHaveText('Failed', { timeout: 15_000 });
  await expect(details.getByTestId('run-error-detail')).toContainText('exited with code 3');
  await expect(details.getByTestId('timeline-step')).toHaveAttribute('data-state', 'failed');
  await expect(details.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);

  await details.getByRole('button', { name: 'Retry now' }).click();
  await expect(page).not.toHaveURL(new RegExp(`#/runs/${run.id}$`));
  await expect(details.getByRole('navigation', { name: 'Attempts' }).getByRole('link')).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/runs/${run.id}$`));
});

test('Activity tells tasks fired together in one event, found under its own type', async ({
  board: page,
  host,
  request,
}) => {
  const due = new Date(Math.ceil((Date.now() + 5000) / 1000) * 1000).toISOString();
  for (let i = 1; i <= 20; i++) {
    await apiCall(request, host, 'tasks.create', { title: `Nightly ${i}`, schedule: { kind: 'once', expr: due } });
  }
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: /Activity/ })
    .click();
  // One event per fire slice: one for all 20 unless the machine was slow enough to split the fire.
  const fired = page.getByTestId('event').filter({ hasText: /Queued \d+ scheduled runs for/ });
  await expect(fired.first()).toContainText(
    /Queued \d+ scheduled runs for \d{1,2}:\d{2} [AP]M M[SD]T: "Nightly \d+", "Nightly \d+", "Nightly \d+" and \d+ more/,
    { timeout: 15_000 },
  );
  const shown = await fired.count();
  expect(shown).toBeGreaterThanOrEqual(1);
  expect(shown).toBeLessThanOrEqual(4);
  await page.getByLabel('Type', { exact: true }).selectOption('schedule:fired');
  await expect(page.getByTestId('event')).toHaveCount(shown);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations).toEqual([]);
});
