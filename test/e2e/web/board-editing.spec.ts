// Creating and editing tasks through the board's form, and what the form does with bad input.
import { apiCall } from './api';
import { card, column, createTask, editTask, fillTaskForm, taskForm } from './board-page';
import { expect, test } from './fixtures';

test('a task created and then edited in the board is still there, edited, after a reload', async ({
  board: page,
  host,
  request,
}) => {
  await expect(page.getByTestId('empty-state')).toContainText('No tasks yet');

  await createTask(page, {
    title: 'Draft the weekly report',
    description: 'Summarise what shipped.',
    priority: 'High',
    scheduleKind: 'Cron',
    scheduleExpr: '30 8 * * 1-5',
    successCriteria: 'Mentions every merged PR\nUnder 300 words',
  });
  const created = card(page, 'Draft the weekly report');
  // A recurring task that has not run waits in Scheduled, its schedule in words.
  await expect(column(page, 'scheduled').getByTestId('task-card')).toHaveCount(1);
  await expect(column(page, 'scheduled')).toContainText('Draft the weekly report');
  await expect(created).toContainText('High');
  await expect(created.getByTestId('card-schedule')).toHaveText('At 08:30 on weekdays, Mountain Time');
  // Times read in the display timezone (America/Denver) with its abbreviation.
  await expect(created.getByTestId('card-next-run')).toContainText(/\d{1,2}:\d{2} (AM|PM) M[SD]T/);

  await editTask(page, 'Draft the weekly report', {
    title: 'Draft the weekly report for Sam',
    status: 'Blocked',
    priority: 'Urgent',
    deadline: '2026-11-23T08:30',
  });
  await expect(card(page, 'Draft the weekly report')).toHaveCount(0);
  // A status set by hand does not move the card: only its runs do.
  await expect(column(page, 'scheduled')).toContainText('Draft the weekly report for Sam');

  await page.reload();
  const edited = column(page, 'scheduled').getByTestId('task-card');
  await expect(edited).toHaveCount(1);
  await expect(edited).toContainText('Draft the weekly report for Sam');
  await expect(edited).toContainText('Urgent');
  await expect(page.getByTestId('column-scheduled').getByTestId('column-count')).toHaveText('1');

  await edited.click();
  const form = taskForm(page);
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue('Draft the weekly report for Sam');
  await expect(form.getByLabel('Description', { exact: true })).toHaveValue('Summarise what shipped.');
  await expect(form.getByLabel('Expression', { exact: true })).toHaveValue('30 8 * * 1-5');
  await expect(form.getByLabel('Success criteria', { exact: true })).toHaveValue(
    'Mentions every merged PR\nUnder 300 words',
  );
  await expect(form.getByLabel('Deadline', { exact: true })).toHaveValue('2026-11-23T08:30');

  // 8:30 AM on Nov 23 in Denver is MST (UTC-7): the server must hold 15:30 UTC.
  const tasks = await apiCall(request, host, 'tasks.list', {});
  expect(tasks.items).toHaveLength(1);
  const task = await apiCall(request, host, 'tasks.get', { id: tasks.items[0]!.id });
  expect(Date.parse(task.deadline!)).toBe(Date.parse('2026-11-23T15:30:00Z'));
});

test('the server rejects bad input field by field, inline, and keeps what was typed', async ({ board: page }) => {
  const longTitle = 'T'.repeat(201);
  await page.getByRole('button', { name: 'New task' }).click();
  await fillTaskForm(page, {
    title: longTitle,
    description: 'Keep me',
    scheduleKind: 'Cron',
    scheduleExpr: '',
    scheduleTimezone: 'Mars/Olympus_Mons',
  });
  const form = taskForm(page);
  await form.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(form.getByTestId('error-title')).toHaveText('Title must be at most 200 characters');
  await expect(form.getByTestId('error-scheduleExpr')).toHaveText('Expression is required for a cron schedule');
  await expect(form.getByTestId('error-scheduleTimezone')).toContainText('is not an IANA time zone');
  await expect(form.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('form-error')).toBeVisible();
  // Each message sits with its own field.
  await expect(
    form.locator('.field', { has: page.getByLabel('Title', { exact: true }) }).getByRole('alert'),
  ).toHaveText('Title must be at most 200 characters');

  // Nothing the user typed is lost.
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue(longTitle);
  await expect(form.getByLabel('Description', { exact: true })).toHaveValue('Keep me');
  await expect(form.getByLabel('Schedule', { exact: true })).toHaveValue('cron');
  await expect(form.getByLabel('Schedule timezone', { exact: true })).toHaveValue('Mars/Olympus_Mons');

  await fillTaskForm(page, { title: 'T'.repeat(200), scheduleExpr: '0 9 * * *', scheduleTimezone: 'America/Denver' });
  await expect(form.getByTestId('error-title')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect(column(page, 'scheduled')).toContainText('At 09:00');
  await expect(card(page, 'T'.repeat(200))).toContainText('Normal');
});
