// Playwright fixtures for the web tests: a fresh built headless host per test on its own data
// directory, and a board page signed in through the host's printed login link.
import { rmSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from '../../helpers/headless-host';

interface Fixtures {
  host: HeadlessHost;
  /** The board, opened through the login link and showing live updates. */
  board: Page;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  host: async ({}, use) => {
    const host = await startHeadlessHost();
    try {
      await use(host);
    } finally {
      await host.stop();
      rmSync(host.dataDir, { recursive: true, force: true });
    }
  },
  board: async ({ page, host }, use) => {
    // A script error or a CSP violation is a bug even when the test's assertions pass.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) problems.push(`CSP: ${message.text()}`);
    });
    await openBoard(page, host.loginUrl);
    await use(page);
    expect(problems).toEqual([]);
  },
});

/** Opens the board at `url` and waits until it has loaded its tasks and its event stream is live. */
export async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Ridgeline', level: 1 })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Live');
  await expect(page.getByText('Loading tasks…')).toHaveCount(0);
}

export { expect };
