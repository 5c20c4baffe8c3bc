// Quiet hours are times of day in the display timezone, and their fields say which zone that is.
import { expect, test } from './fixtures';

test('the quiet hours fields name the display timezone they are read in', async ({ board: page, host }) => {
  await page.goto(`${host.baseUrl}/#/settings`);
  await expect(page.getByLabel(/^From \(M[SD]T\)$/)).toHaveAttribute('type', 'time');
  await expect(page.getByLabel(/^Until \(M[SD]T\)$/)).toHaveAttribute('type', 'time');
});
