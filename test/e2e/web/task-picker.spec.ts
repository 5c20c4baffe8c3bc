// The Runs and Activity filters' task picker against a host with more tasks than any list would
// hold: a task far down the alphabet is found by searching, chosen from the keyboard, kept in the
// address, named again after a reload, and the open picker passes axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import { apiCall } from './api';
import { expect, test } from './fixtures';

test('picks any of 600 tasks by searching, from the keyboard, and passes axe open', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 600; i++) {
    await apiCall(request, host, 'tasks.create', { title: `Filler ${String(i).padStart(3, '0')}` });
  }
  const zulu = await apiCall(request, host, 'tasks.create', { title: 'Zulu report' });
  await apiCall(request, host, 'tasks.runNow', { id: zulu.id });

  for (const [path, label] of [
    ['runs', 'Runs'],
    ['activity', 'Activity'],
  ] as const) {
    await page.goto(`${new URL(page.url()).origin}/#/${path}`);
    await expect(page.getByRole('heading', { name: label, exact: true })).toBeVisible();
    const picker = page.getByLabel('Task', { exact: true });
    await picker.focus();
    await page.keyboard.press('Enter');
    const listbox = page.getByRole('listbox', { name: 'Tasks' });
    await expect(listbox.getByRole('option').first()).toHaveText('Any task');
    await page.keyboard.type('zulu');
    await expect(listbox.getByRole('option')).toHaveText(['Zulu report']);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const { violations } = await new AxeBuilder({ page }).include('.task-picker').analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }
    await page.keyboard.press('Enter');
    await expect(listbox).toHaveCount(0);
    await expect(picker).toBeFocused();
    await expect(picker).toHaveText(/Zulu report/);
    await expect(page).toHaveURL(new RegExp(`task=${zulu.id}`));

    // Reloaded, the chosen task is past the first 500 titles and is named all the same.
    await page.reload();
    await expect(page.getByLabel('Task', { exact: true })).toHaveText(/Zulu report/);

    // Escape closes without changing the choice; "Any task" clears it.
    await page.getByLabel('Task', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(listbox).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`task=${zulu.id}`));
    await page.getByLabel('Task', { exact: true }).click();
    await listbox.getByRole('option', { name: 'Any task' }).click();
    await expect(page.getByLabel('Task', { exact: true })).toHaveText(/Any/);
    await expect(page).not.toHaveURL(/task=/);
  }
});
