// The approvals inbox in Chromium against the real headless host: a low-confidence halt approved
// with a verdict edited in the generated form, a budget halt answered by raising the budget, and a
// coding agent's diff rejected with a reason from the keyboard alone. Each decision and its note end
// up in the run's log and the activity feed; the header's badge counts what still waits. Then axe
// and screenshots of the inbox holding all three, at three widths in both themes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startHeadlessHost } from '../../helpers/headless-host';
import { apiCall } from './api';
import {
  agentDiffHalt,
  budgetHalt,
  fakeClaudeOnPath,
  lowConfidenceHalt,
  runLogText,
  runStatus,
  useLoopbackModel,
} from './approvals-inbox-setup';
import { expect, openBoard, test } from './fixtures';

async function openInbox(page: Page) {
  await page
    .getByRole('link', { name: /^Approvals/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Approvals', level: 2 })).toBeVisible();
}

function cardOf(page: Page, title: string) {
  return page.getByTestId('approvals-inbox').getByTestId('approval-card').filter({ hasText: title });
}

async function feedSummaries(request: Parameters<typeof apiCall>[0], host: Parameters<typeof apiCall>[1]) {
  const { items } = await apiCall(request, host, 'events.list', { types: ['approval:approved', 'approval:rejected'] });
  return items.map((e) => e.summary);
}

test('a low-confidence halt shows the draft and the verdict, and is approved with a verdict edited in a form', async ({
  board: page,
  host,
  request,
}) => {
  const llm = await useLoopbackModel(request, host);
  try {
    await openInbox(page);
    const { run } = await lowConfidenceHalt(request, host, llm);
    const card = cardOf(page, 'Branch cleanup report');
    await expect(card).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('approvals-count')).toHaveText(/^1/);
    await expect(card.getByTestId('approval-reason')).toHaveText('Low confidence');
    await expect(card.getByRole('list', { name: 'Why it stopped' })).toContainText('verifier confidence 0.55');
    await expect(card.getByRole('region', { name: /Judging the draft of step 'draft'/ })).toContainText(
      'Cleaned 3 stale branches and pruned the cache.',
    );
    const verdict = card.getByTestId('approval-verdict');
    await expect(verdict).toContainText('Passes with 55% confidence (needs 70%)');
    await expect(verdict.getByRole('list', { name: 'Issues the verifier found' })).toHaveText(
      'the branch names are not listed',
    );
    // 10,300 input tokens at $1 and 2,600 output at $10 per million.
    await expect(card.getByTestId('approval-cost')).toHaveText('$0.04');
    await expect(card.getByTestId('approval-expires')).toHaveText(/^[A-Z][a-z]{2} \d+, \d+:\d\d [AP]M M[SD]T$/);

    await card.getByRole('button', { name: 'Edit and approve…' }).click();
    const form = card.getByTestId('approval-edit');
    await expect(form.getByRole('textbox')).not.toHaveCount(0);
    await expect(form).not.toContainText('provider');
    await form.getByLabel('Confidence', { exact: true }).fill('0.9');
    await form.getByLabel('Issues 1', { exact: true }).fill('branch names checked by hand');
    await form.getByRole('button', { name: 'Add to issues' }).click();
    await form.getByLabel('Issues 2', { exact: true }).fill('cache size not given');
    await card.getByLabel('Note (optional)').fill('I read the branch list myself');
    await form.getByRole('button', { name: 'Approve edited' }).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('approvals-count')).toHaveCount(0);

    await expect.poll(() => runStatus(request, host, run.id), { timeout: 15_000 }).toBe('succeeded');
    const details = await apiCall(request, host, 'runs.get', { id: run.id });
    const verify = details.steps.filter((s) => s.stepId === 'verify' && s.status === 'complete').at(-1);
    expect(verify?.output).toMatchObject({
      object: { pass: true, confidence: 0.9, issues: ['branch names checked by hand', 'cache size not given'] },
    });
    expect(await runLogText(request, host, run.id)).toContain(
      'Approved by user with an edited output; the run resumes. Note: I read the branch list myself',
    );
    expect(await feedSummaries(request, host)).toContain(
      'Approved "Branch cleanup report" with edited input; it resumes: I read the branch list myself',
    );
    await expect(page.getByTestId('decided-approvals')).toContainText('I read the branch list myself');
  } finally {
    await llm.close();
  }
});

test('a budget halt is answered by raising the budget, and the run finishes', async ({
  board: page,
  host,
  request,
}) => {
  const llm = await useLoopbackModel(request, host);
  try {
    const { task, run } = await budgetHalt(request, host, llm);
    await openInbox(page);
    const card = cardOf(page, 'Migration planner');
    await expect(card).toBeVisible({ timeout: 15_000 });
    await expect(card.getByTestId('approval-reason')).toHaveText('Budget reached');
    await expect(card.getByTestId('approval-cost')).toHaveText('$5.02');
    await expect(card).toContainText("Spent $5.02 of the $5.00 monthly budget of 'Migration planner'");
    await expect(card.getByRole('button', { name: 'Continue this run over budget' })).toBeVisible();

    await card.getByRole('button', { name: 'Raise the budget…' }).click();
    await card.getByLabel("New limit for the task's monthly budget (USD)").fill('5');
    await card.getByRole('button', { name: 'Raise and resume' }).click();
    await expect(card.getByRole('alert')).toContainText('Enter an amount above the $5.02 already spent.');
    await card.getByLabel("New limit for the task's monthly budget (USD)").fill('20');
    await card.getByLabel('Note (optional)').fill('the plan is worth it');
    await card.getByRole('button', { name: 'Raise and resume' }).click();
    await expect(card).toHaveCount(0);

    await expect.poll(() => runStatus(request, host, run.id), { timeout: 15_000 }).toBe('succeeded');
    expect((await apiCall(request, host, 'tasks.get', { id: task.id })).budgetUsd).toBe(20);
    expect(await runLogText(request, host, run.id)).toContain(
      'Approved by user by raising the budget to $20.00; the run resumes. Note: the plan is worth it',
    );
    expect((await feedSummaries(request, host)).join('\n')).toContain('the plan is worth it');
  } finally {
    await llm.close();
  }
});

test("a coding agent's diff is shown highlighted and rejected with a reason from the keyboard", async ({ page }) => {
  const bin = fakeClaudeOnPath();
  const host = await startHeadlessHost({ env: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
  try {
    await openBoard(page, host.loginUrl);
    const { run, repo, committedCleanup } = await agentDiffHalt(page.request, host);
    await openInbox(page);
    const card = cardOf(page, 'Nightly coding chore');
    await expect(card).toBeVisible({ timeout: 15_000 });
    await expect(card.getByTestId('approval-cost')).toHaveText('$0.42');
    const diff = card.getByTestId('approval-diff');
    await expect(diff.locator('figcaption')).toHaveText('src/cleanup.ts +2 −1');
    await expect(diff.locator('.diff-add')).toHaveCount(2);
    await expect(diff.locator('.diff-del')).toContainText('TODO remove merged branches');
    await expect(diff.locator('.diff-add .tok-keyword').first()).toHaveText('const');
    await expect(diff.locator('.diff-add .tok-comment')).toHaveText(
      '// Only merged branches are removed; the rest are reported.',
    );

    await card.getByRole('button', { name: 'Reject', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Reject "Nightly coding chore"?' })).toBeVisible();
    const question = page.getByTestId('confirm-dialog');
    await expect(question.getByRole('button', { name: 'Keep as is' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(question.getByRole('button', { name: 'Reject run' })).toBeFocused();
    await page.keyboard.press('Enter');
    // No reason yet: it is asked for, and the run still waits.
    const reason = question.getByLabel('Reason for rejecting');
    await expect(reason).toBeFocused();
    await expect(question.getByRole('alert')).toContainText('Say why');
    await page.keyboard.type('filters after use; would crash');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(question.getByRole('button', { name: 'Reject run' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card).toHaveCount(0);

    await expect.poll(() => runStatus(page.request, host, run.id), { timeout: 15_000 }).toBe('failed');
    expect(await runLogText(page.request, host, run.id)).toContain(
      'Rejected by user; the run ends. Note: filters after use; would crash',
    );
    expect(await feedSummaries(page.request, host)).toContain(
      'Rejected "Nightly coding chore": filters after use; would crash',
    );
    // The agent worked in its own worktree: the diff shown was its, and the user's checkout is untouched.
    expect(readFileSync(join(repo, 'src', 'cleanup.ts'), 'utf8')).toBe(committedCleanup);
  } finally {
    await host.stop();
  }
});

test('the inbox with all three passes axe and is shot at three widths, light and dark', async ({ page }) => {
  test.setTimeout(180_000);
  const bin = fakeClaudeOnPath();
  const host = await startHeadlessHost({ env: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
  const llm = await useLoopbackModel(page.request, host);
  try {
    await openBoard(page, host.loginUrl);
    await lowConfidenceHalt(page.request, host, llm);
    await agentDiffHalt(page.request, host);
    await expect
      .poll(async () => (await apiCall(page.request, host, 'approvals.list', { status: 'pending' })).length, {
        timeout: 20_000,
      })
      .toBe(2);
    await budgetHalt(page.request, host, llm);
    await openInbox(page);
    await expect(page.getByTestId('approval-card')).toHaveCount(3, { timeout: 20_000 });
    await expect(page.getByTestId('approval-cost').filter({ hasText: '…' })).toHaveCount(0);
    // The generated edit form is part of what axe checks and the screenshots show.
    await cardOf(page, 'Branch cleanup report').getByRole('button', { name: 'Edit and approve…' }).click();
    await expect(page.getByTestId('approval-edit')).toBeVisible();
    const shots = join('test-results', 'approvals-inbox');
    mkdirSync(shots, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const html = page.locator('html');
      // The first pick follows the system's theme, so it may take two presses to land on `theme`.
      for (let n = 0; n < 2 && (await html.getAttribute('data-theme')) !== theme; n++) {
        await page.getByTestId('theme-toggle').click();
      }
      await expect(html).toHaveAttribute('data-theme', theme);
      const axe = await new AxeBuilder({ page }).analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      for (const width of [800, 1280, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await page.screenshot({ path: join(shots, `inbox-${width}-${theme}.png`), fullPage: true });
      }
    }
  } finally {
    await llm.close();
    await host.stop();
  }
});
