// Human in the loop on the board: a run halted by an approval step shows in Needs attention, live;
// approving it with edited input resumes the same run; rejecting it ends the run, whose file write
// is then undone with Roll back from the run's details.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { HeadlessHost } from '../../helpers/headless-host';
import { apiCall } from './api';
import { expect, test } from './fixtures';

async function haltedRun(request: APIRequestContext, host: HeadlessHost, title: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ridgeline-approvals-'));
  await apiCall(request, host, 'settings.update', { fileRoots: [dir] });
  const file = join(dir, 'report.txt');
  const task = await apiCall(request, host, 'tasks.create', {
    title,
    pipeline: {
      steps: [
        { id: 'write', uses: 'file.write', role: 'executor', with: { path: file, content: 'draft report' } },
        { id: 'ask', uses: 'approval.request', with: { question: 'Publish the report?', context: { file } } },
        {
          id: 'publish',
          uses: 'shell.exec',
          with: { argv: ['node', '-e', 'process.stdout.write(process.argv[1])', '${steps.ask.input.title}'] },
        },
      ],
    },
  });
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  return { file, run };
}

async function runStatus(request: APIRequestContext, host: HeadlessHost, id: string): Promise<string> {
  return (await apiCall(request, host, 'runs.get', { id })).run.status;
}

test('approving with edited input from Needs attention resumes the run', async ({ board: page, host, request }) => {
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  const { run } = await haltedRun(request, host, 'Weekly report');
  const panel = page.getByTestId('needs-attention');
  const item = panel.getByTestId('approval-card');
  await expect(item).toContainText('Weekly report', { timeout: 15_000 });
  await expect(item).toContainText('Publish the report?');
  await item.getByText('Context').click();
  await expect(item).toContainText('report.txt');

  await item.getByRole('button', { name: 'Edit and approve…' }).click();
  await item.getByLabel('Input to approve with').fill('{ "title": "Final report" }');
  await item.getByLabel('Note (optional)').fill('looks right');
  await item.getByRole('button', { name: 'Approve edited' }).click();
  await expect(panel).toHaveCount(0);

  await expect.poll(() => runStatus(request, host, run.id), { timeout: 15_000 }).toBe('succeeded');
  const details = await apiCall(request, host, 'runs.get', { id: run.id });
  const publish = details.steps.find((s) => s.stepId === 'publish' && s.status === 'complete');
  expect(publish?.output).toMatchObject({ stdout: 'Final report' });
});

test('a bad edit is refused on the card; rejecting ends the run and Roll back undoes its write', async ({
  board: page,
  host,
  request,
}) => {
  const { file, run } = await haltedRun(request, host, 'Risky change');
  const item = page.getByTestId('approval-card');
  await expect(item).toContainText('Risky change', { timeout: 15_000 });
  expect(readFileSync(file, 'utf8')).toBe('draft report');

  await item.getByRole('button', { name: 'Edit and approve…' }).click();
  await item.getByLabel('Input to approve with').fill('{ not json');
  await item.getByRole('button', { name: 'Approve edited' }).click();
  await expect(item.getByRole('alert')).toContainText('The edited output is not valid JSON');
  await item.getByRole('button', { name: 'Cancel edit' }).click();
  // Reject ends the run, so it asks first, with the safe choice focused; from the keyboard alone.
  await item.getByRole('button', { name: 'Reject', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Reject "Risky change"?' })).toBeVisible();
  const question = page.getByTestId('confirm-dialog');
  await expect(question.getByRole('button', { name: 'Keep as is' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(question.getByRole('button', { name: 'Reject run' })).toBeFocused();
  await page.keyboard.press('Enter');
  // A rejection needs its reason: the field is focused to give it.
  await expect(question.getByLabel('Reason for rejecting')).toBeFocused();
  await page.keyboard.type('not ready to publish');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  await expect.poll(() => runStatus(request, host, run.id), { timeout: 15_000 }).toBe('failed');

  await page.goto(`${new URL(page.url()).origin}/#/runs/${run.id}`);
  const details = page.getByTestId('run-details');
  await expect(details.getByTestId('run-error-detail')).toContainText('rejected');
  await details.getByTestId('rollback-run').click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Roll back' }).click();
  await expect(details.getByRole('status').filter({ hasText: 'Undid' })).toHaveText('Undid write.');
  expect(existsSync(file)).toBe(false);
  await expect(details.getByRole('list', { name: 'Steps' })).toContainText('Rolled back');
});
