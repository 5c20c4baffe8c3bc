// A column holding more tasks than the board loads at once: every task can still be reached by
// scrolling, later pages come from the host as they scroll into view, and they stay live.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card, column } from './board-page';
import { expect, test } from './fixtures';

const TASKS = 260;
const title = (n: number) => `Chore ${String(n).padStart(3, '0')}`;

/** Scrolls the column's list down a screen at a time until its end, as a reader would. */
async function scrollToEnd(page: Page, name: string): Promise<void> {
  const scroller = column(page, name).locator('.column-scroller');
  await expect
    .poll(async () =>
      scroller.evaluate((el) => {
        el.scrollTop += el.clientHeight * 20;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      }),
    )
    .toBe(true);
}

test('a column of more than 200 tasks pages from the host as it scrolls, to its last task', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(90_000);
  for (let n = 1; n <= TASKS; n++) await apiCall(request, host, 'tasks.create', { title: title(n) });
  await page.goto(`${host.baseUrl}/#/board?sort=title`);
  const scheduled = column(page, 'scheduled');
  await expect(scheduled.getByTestId('column-count')).toHaveText('260');
  await expect(card(page, title(1))).toBeVisible();

  await scrollToEnd(page, 'scheduled');
  await expect(card(page, title(TASKS))).toBeVisible();
  await expect(scheduled.getByTestId('card-placeholder')).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A change to a task on a later page shows there once the board asks again.
  const page2 = await apiCall(request, host, 'tasks.list', { search: title(TASKS - 1) });
  await apiCall(request, host, 'tasks.update', { id: page2.items[0]!.id, title: `${title(TASKS - 1)} renamed` });
  await expect(card(page, `${title(TASKS - 1)} renamed`)).toBeVisible();
  await expect(card(page, title(TASKS))).toBeVisible();
  await expect(scheduled.getByTestId('column-count')).toHaveText('260');
});

test('a search keystroke narrows the loaded cards at once, and the host answer then adds what only it knows', async ({
  board: page,
  host,
  request,
}) => {
  await apiCall(request, host, 'tasks.create', { title: 'Book the dentist' });
  await apiCall(request, host, 'tasks.create', { title: 'Renew the car insurance', description: 'after the dentist' });
  await apiCall(request, host, 'tasks.create', { title: 'Call the plumber', tags: ['home'] });
  await expect(page.getByTestId('task-card')).toHaveCount(3);

  // The box waits for a pause in typing before it asks the host; with the page's timers held, only
  // what the board does on the keystroke itself can show.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByLabel('Search tasks').pressSequentially('DENT');
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Book the dentist')).toBeVisible();
  await expect(page.getByTestId('board')).toHaveAttribute('aria-busy', 'true');
  expect(page.url()).not.toContain('q=');

  // The host's answer also reads descriptions, and brings the true counts.
  await page.clock.resume();
  await expect(card(page, 'Renew the car insurance')).toBeVisible();
  await expect(page.getByTestId('task-card')).toHaveCount(2);
  await expect(page.getByTestId('board')).toHaveAttribute('aria-busy', 'false');
  await expect(column(page, 'scheduled').getByTestId('column-count')).toHaveText('2');

  // A tag narrows too, and a search nothing loaded matches says it is still looking.
  await page.clock.pauseAt(Date.now() + 120_000);
  await page.getByLabel('Search tasks').fill('hom');
  await expect(card(page, 'Call the plumber')).toHaveCount(0);
  await expect(page.getByTestId('searching')).toBeVisible();
  await page.clock.resume();
  await expect(card(page, 'Call the plumber')).toBeVisible();
  await expect(page.getByTestId('task-card')).toHaveCount(1);
});
