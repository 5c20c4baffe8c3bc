// The occurrence strip in the task form: each mark coloured and marked by outcome, labelled with its
// time in the display timezone, at 800 and 1280 px in light and dark, and axe-clean. The ledger is
// seeded by writing rows into the host's real database, as the board benchmark seeds its runs:
// waiting for a month of hourly occurrences in a browser test is not possible.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';

const outcomes: [string, string | null][] = [
  ['fired', null],
  ['fired', null],
  ['missed', 'asleep'],
  ['missed', 'asleep'],
  ['caught_up', 'asleep'],
  ['fired', null],
  ['skipped_overlap', null],
  ['fired', null],
  ['paused', null],
  ['paused', null],
  ['fired', null],
  ['snoozed', 'skipped'],
  ['clock_change', 'clock_moved_forward'],
  ['fired', null],
];

test('the task form shows the last occurrences as a labelled strip, light and dark, passing axe', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(120_000);
  const task = await apiCall(request, host, 'tasks.create', {
    title: 'Morning briefing',
    schedule: { kind: 'cron', expr: '30 8 * * *', timezone: 'America/Denver' },
  });
  // Daily at 8:30 AM MST (15:30 UTC), the latest one yesterday.
  const today = new Date();
  const latest = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 15, 30);
  const db = new Database(join(host.dataDir, 'ridgeline.db'));
  const insert = db.prepare(
    'INSERT INTO occurrences (task_id, occurrence_at, outcome, cause, recorded_at) VALUES (?, ?, ?, ?, ?)',
  );
  outcomes.forEach(([outcome, cause], i) => {
    const at = latest - (outcomes.length - 1 - i) * 86_400_000;
    insert.run(task.id, at, outcome, cause, at);
  });
  db.close();

  const origin = new URL(page.url()).origin;
  const violations: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${origin}/#/board`);
      await card(page, 'Morning briefing').click();
      const strip = taskForm(page).getByTestId('occurrence-strip');
      const marks = strip.locator('ol > li');
      await expect(marks).toHaveCount(outcomes.length);
      await expect(marks.first()).toHaveAttribute('data-outcome', 'fired');
      await expect(marks.nth(2)).toContainText(/8:30 AM MST: Missed \(the computer was asleep\)$/);
      await expect(marks.last()).toHaveAttribute('title', /8:30 AM MST: Ran on time$/);
      await expect(strip).toContainText('Last 30 days: 7 of 14 ran, 3 missed, 1 skipped, 1 snoozed, 2 paused');
      await expect(strip).toContainText('times in America/Denver');
      await strip.scrollIntoViewIfNeeded();
      await strip.screenshot({ path: `/tmp/occurrence-strip-${scheme}-${width}.png` });
      await taskForm(page).screenshot({ path: `/tmp/occurrence-form-${scheme}-${width}.png` });
      const { violations: found } = await new AxeBuilder({ page }).analyze();
      violations.push(
        ...found
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${scheme} ${width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      await page.keyboard.press('Escape');
    }
  }
  expect(violations).toEqual([]);
});
