// How the web tests drive the board: named steps a user would take, so specs read as behaviour.
import { expect, type Locator, type Page } from '@playwright/test';

export interface TaskFormInput {
  title?: string;
  description?: string;
  status?: string;
  priority?: string;
  taskType?: string;
  scheduleKind?: string;
  scheduleExpr?: string;
  scheduleTimezone?: string;
  deadline?: string;
  successCriteria?: string;
}

export function taskForm(page: Page): Locator {
  return page.getByRole('dialog');
}

export function column(page: Page, status: string): Locator {
  return page.getByTestId(`column-${status}`);
}

export function card(page: Page, title: string): Locator {
  return page
    .getByTestId('task-card')
    .filter({ has: page.locator('.card-title', { hasText: new RegExp(`^${escape(title)}$`) }) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function fillTaskForm(page: Page, input: TaskFormInput): Promise<void> {
  const form = taskForm(page);
  const exact = { exact: true };
  if (input.title !== undefined) await form.getByLabel('Title', exact).fill(input.title);
  if (input.description !== undefined) await form.getByLabel('Description', exact).fill(input.description);
  if (input.status !== undefined) await form.getByLabel('Status', exact).selectOption({ label: input.status });
  if (input.priority !== undefined) await form.getByLabel('Priority', exact).selectOption({ label: input.priority });
  if (input.taskType !== undefined) await form.getByLabel('Task type', exact).fill(input.taskType);
  if (input.scheduleKind !== undefined)
    await form.getByLabel('Schedule', exact).selectOption({ label: input.scheduleKind });
  if (input.scheduleExpr !== undefined) await form.getByLabel('Expression', exact).fill(input.scheduleExpr);
  if (input.scheduleTimezone !== undefined)
    await form.getByLabel('Schedule timezone', exact).fill(input.scheduleTimezone);
  if (input.deadline !== undefined) await form.getByLabel('Deadline', exact).fill(input.deadline);
  if (input.successCriteria !== undefined) await form.getByLabel('Success criteria', exact).fill(input.successCriteria);
}

/** Creates a task through the New task form and waits for the form to close. */
export async function createTask(page: Page, input: TaskFormInput): Promise<void> {
  await page.getByRole('button', { name: 'New task' }).click();
  await expect(taskForm(page).getByRole('heading', { name: 'New task' })).toBeVisible();
  await fillTaskForm(page, input);
  await taskForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(taskForm(page)).toHaveCount(0);
}

/** Opens a task's card, changes the given fields and saves. */
export async function editTask(page: Page, title: string, input: TaskFormInput): Promise<void> {
  await card(page, title).click();
  await expect(taskForm(page).getByRole('heading', { name: 'Edit task' })).toBeVisible();
  await fillTaskForm(page, input);
  await taskForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(taskForm(page)).toHaveCount(0);
}

export async function deleteTask(page: Page, title: string): Promise<void> {
  await card(page, title).click();
  await taskForm(page).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete task' }).click();
  await expect(taskForm(page)).toHaveCount(0);
}
