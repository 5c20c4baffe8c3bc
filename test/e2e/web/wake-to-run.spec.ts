// Wake to run on the board: the task form's checkbox round-trips and sets the wake, and Settings
// says whether this host can wake the computer, or why not. The host writes its wakes to a file
// laid out as Linux's RTC wakealarm (RIDGELINE_WAKEALARM): this machine's RTC is not ours to set.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost, type HeadlessHost } from '../../helpers/headless-host';
import { card, createTask, taskForm } from './board-page';
import { expect, openBoard, test } from './fixtures';

const label = 'Wake the computer for its runs';
let host: HeadlessHost | undefined;
let scratch: string;
test.beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ridgeline-wake-'));
});
test.afterEach(async () => {
  await host?.stop();
  if (host) rmSync(host.dataDir, { recursive: true, force: true });
  host = undefined;
  rmSync(scratch, { recursive: true, force: true });
});

test('a task set to wake the computer keeps the setting and sets the wake; Settings says how', async ({ page }) => {
  const wakealarm = join(scratch, 'wakealarm');
  writeFileSync(wakealarm, '');
  host = await startHeadlessHost({ env: { RIDGELINE_WAKEALARM: wakealarm } });
  await openBoard(page, host.loginUrl);

  await createTask(page, { title: 'Nightly backup', scheduleKind: 'Cron', scheduleExpr: '0 3 * * *' });
  await card(page, 'Nightly backup').click();
  const form = taskForm(page);
  await expect(form.getByRole('checkbox', { name: label })).not.toBeChecked();
  await form.getByRole('checkbox', { name: label }).check();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect.poll(() => readFileSync(wakealarm, 'utf8')).toMatch(/^\d{10}$/);

  await page.reload();
  await expect(page.getByText('Loading tasks…')).toHaveCount(0);
  await card(page, 'Nightly backup').click();
  await expect(form.getByRole('checkbox', { name: label })).toBeChecked();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Settings' }).click();
  const wake = page.getByTestId('settings-wake');
  await expect(wake).toContainText(`Wake for runs: available (the RTC wake alarm (${wakealarm})).`);
  await expect(wake).toContainText(/Next wake: .* 2:59 AM M[SD]T, for “Nightly backup”\./);
});

test('Settings says why the computer cannot be woken', async ({ page }) => {
  const missing = join(scratch, 'no-rtc', 'wakealarm');
  host = await startHeadlessHost({ env: { RIDGELINE_WAKEALARM: missing } });
  await openBoard(page, host.loginUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('settings-wake')).toContainText(
    `Wake for runs: not available because this machine has no RTC wake alarm (${missing} does not exist).`,
  );
});
