// The schedule editor in the task form (presets, live preview with DST marks, inline expression
// errors), the next run on the card, the run controls, and the header's scheduler switch.
import { apiCall } from './api';
import { card, createTask, taskForm } from './board-page';
import { expect, test } from './fixtures';

const exact = { exact: true };

test('a preset fills the schedule and previews its description and next five runs', async ({ board: page }) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await expect(form.getByTestId('schedule-description')).toHaveText('Runs only when you start it.');

  await form.getByRole('button', { name: 'Weekdays at 8:30' }).click();
  await expect(form.getByLabel('Schedule', exact)).toHaveValue('cron');
  await expect(form.getByLabel('Expression', exact)).toHaveValue('30 8 * * 1-5');
  await expect(form.getByRole('button', { name: 'Weekdays at 8:30' })).toHaveAttribute('aria-pressed', 'true');
  await expect(form.getByTestId('schedule-description')).toHaveText('At 08:30 on weekdays, Mountain Time');
  const runs = form.getByTestId('schedule-run');
  await expect(runs).toHaveCount(5);
  for (const run of await runs.all()) {
    await expect(run).toHaveText(/^(Mon|Tue|Wed|Thu|Fri), [A-Z][a-z]{2} \d{1,2}, 8:30 AM M[SD]T/);
  }

  // Runs on Jan 1 and Jul 1 alternate between standard and daylight time: every change is marked.
  await form.getByLabel('Expression', exact).fill('0 9 1 1,7 *');
  await expect(form.getByTestId('schedule-description')).not.toHaveText('At 08:30 on weekdays, Mountain Time');
  await expect(runs).toHaveCount(5);
  await expect(runs.filter({ hasText: 'Jan 1, 9:00 AM MST' }).first()).toBeVisible();
  await expect(runs.filter({ hasText: 'Jul 1, 9:00 AM MDT' }).first()).toBeVisible();
  await expect(form.getByTestId('dst-badge').filter({ hasText: 'DST starts · MDT' }).first()).toBeVisible();
  await expect(form.getByTestId('dst-badge').filter({ hasText: 'DST ends · MST' }).first()).toBeVisible();
  await expect(form.getByTestId('dst-badge')).toHaveCount(4);

  await form.getByRole('button', { name: 'Every 15 minutes' }).click();
  await expect(form.getByLabel('Schedule', exact)).toHaveValue('interval');
  await expect(form.getByTestId('schedule-description')).toHaveText('Every 15 minutes');

  await form.getByRole('button', { name: 'Once…' }).click();
  await expect(form.getByLabel('Schedule', exact)).toHaveValue('once');
  await expect(form.getByLabel('Expression', exact)).toHaveValue(/^\d{4}-\d{2}-\d{2}T09:00$/);
  await expect(runs).toHaveCount(1);
  await expect(runs).toHaveText(/9:00 AM M[SD]T/);
});

test('a bad expression is explained inline while typing goes on, and Save still asks the server', async ({
  board: page,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', exact).fill('Bad cron');
  await form.getByLabel('Schedule', exact).selectOption({ label: 'Cron' });
  const expr = form.getByLabel('Expression', exact);
  await expr.fill('61 8 * * *');
  await expect(form.getByTestId('error-scheduleExpr')).toContainText(/minute/i);
  await expect(form.getByTestId('error-scheduleExpr')).toContainText('61');
  await expect(expr).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('schedule-run')).toHaveCount(0);

  // Typing goes on undisturbed; the message follows the latest text.
  await expr.pressSequentially('x');
  await expect(expr).toHaveValue('61 8 * * *x');
  await expr.fill('61 8 * * *');

  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByTestId('form-error')).toBeVisible();
  await expect(form.getByTestId('error-scheduleExpr')).toContainText(/minute/i);

  await form.getByLabel('Schedule timezone', exact).fill('Mars/Olympus_Mons');
  await expr.fill('0 8 * * *');
  await expect(form.getByTestId('error-scheduleTimezone')).toContainText('is not an IANA time zone');
  await form.getByLabel('Schedule timezone', exact).fill('Europe/Berlin');
  await expect(form.getByTestId('error-scheduleExpr')).toHaveCount(0);
  await expect(form.getByTestId('error-scheduleTimezone')).toHaveCount(0);
  await expect(form.getByTestId('schedule-description')).toContainText('08:00');
  // Shown in the display zone, with the schedule's own wall time beside it.
  await expect(form.getByTestId('schedule-run').first()).toContainText(/M[SD]T \(.*8:00 AM GMT\+[12]\)/);
});

test('a saved cron task shows its next run on the card; run now, skip and delay act at once', async ({
  board: page,
  host,
  request,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', exact).fill('Morning digest');
  await form.getByRole('button', { name: 'Weekdays at 8:30' }).click();
  await expect(form.getByTestId('schedule-run')).toHaveCount(5);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);

  const digest = card(page, 'Morning digest');
  await expect(digest).toContainText('At 08:30 on weekdays, Mountain Time');
  await expect(digest.getByTestId('card-next-run')).toHaveText(/^Next: (Today|Mon|Tue|Wed|Thu|Fri) 8:30 AM M[SD]T$/);
  await expect(page.getByTestId('scheduler-status')).toHaveText(
    /^Scheduler: running · next: Morning digest (Today|Mon|Tue|Wed|Thu|Fri) 8:30 AM M[SD]T$/,
  );

  await digest.click();
  const controls = taskForm(page).getByTestId('run-controls');
  await controls.getByRole('button', { name: 'Run now' }).click();
  await expect(controls.getByTestId('run-notice')).toHaveText('Queued');
  const id = taskId(await digest.getAttribute('data-task-id'));
  const events = await apiCall(request, host, 'events.list', { taskId: id });
  expect(events.items.map((e) => e.type)).toContain('run:queued');

  const nextRun = controls.getByTestId('form-next-run');
  const first = await nextRun.textContent();
  await controls.getByRole('button', { name: 'Skip next run' }).click();
  await expect(controls.getByTestId('run-notice')).toHaveText('Skipped the next run');
  await expect(nextRun).not.toHaveText(first!);
  await expect(nextRun).toHaveText(/8:30 AM M[SD]T$/);

  await controls.getByRole('button', { name: 'Delay next run…' }).click();
  await controls.getByRole('button', { name: '15 min' }).click();
  await expect(controls.getByTestId('run-notice')).toHaveText('Delayed by 15 min');
  await expect(nextRun).toHaveText(/8:45 AM M[SD]T$/);
  await expect(digest.getByTestId('card-next-run')).toContainText('8:45 AM');
});

test('the header pauses and resumes the whole scheduler', async ({ board: page, host, request }) => {
  await createTask(page, { title: 'Hourly check', scheduleKind: 'Cron', scheduleExpr: '0 * * * *' });
  const header = page.getByTestId('scheduler-status');
  await expect(header).toContainText('Scheduler: running · next: Hourly check');

  // Pausing every schedule asks first, naming the next run it holds back; Escape keeps it running.
  await page.getByRole('button', { name: 'Pause scheduler' }).press('Enter');
  const question = page.getByTestId('confirm-dialog');
  await expect(question).toContainText('the next is "Hourly check"');
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  expect((await apiCall(request, host, 'scheduler.status', {})).paused).toBe(false);
  await expect(page.getByRole('button', { name: 'Pause scheduler' })).toBeFocused();

  await page.getByRole('button', { name: 'Pause scheduler' }).click();
  await question.getByRole('button', { name: 'Pause all schedules' }).click();
  await expect(header).toHaveText('Scheduler: paused');
  expect((await apiCall(request, host, 'scheduler.status', {})).paused).toBe(true);

  await page.getByRole('button', { name: 'Resume scheduler' }).click();
  await expect(header).toContainText('Scheduler: running · next: Hourly check');
  expect((await apiCall(request, host, 'scheduler.status', {})).paused).toBe(false);

  // A pause from elsewhere (the CLI, another window) shows up live.
  await apiCall(request, host, 'scheduler.pause', {});
  await expect(header).toHaveText('Scheduler: paused');
});

function taskId(id: string | null): string {
  if (!id) throw new Error('the card has no data-task-id');
  return id;
}
