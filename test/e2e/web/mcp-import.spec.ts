// Adding MCP servers on the Settings page against the built headless host: a pasted Claude
// Desktop config is previewed (what would be added, renamed, refused and moved to the keychain),
// then applied; a remote server is added by hand. Screenshots at 800 and 1280 px in both schemes,
// and axe over the page with the preview open.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TOKEN = 'ghp_e2eTokenValue0123456789abcdefABCDEF';

const withToken = JSON.stringify({
  mcpServers: {
    GitHub: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: TOKEN } },
    linear: { url: 'https://mcp.linear.app/mcp', headers: { Authorization: `Bearer ${TOKEN}` } },
    broken: { args: ['--no-command'] },
  },
});
const plain = JSON.stringify({ mcpServers: { files: { command: 'files-mcp', args: ['--root', '/tmp'] } } });

async function openSection(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  return page.locator('section', { has: page.getByRole('heading', { name: 'Add MCP servers' }) });
}

test('a pasted config is previewed: what would be added, renamed, refused and moved to the keychain', async ({
  board: page,
}, info) => {
  // Two schemes at two widths, each with an axe pass and a screenshot.
  test.slow();
  const section = await openSection(page);
  await section.getByLabel('Paste config').fill(withToken);
  await section.getByRole('button', { name: 'Preview pasted config' }).click();
  const preview = section.getByTestId('mcp-import-preview');
  await expect(preview).toContainText('From pasted text, this would add:');
  await expect(preview).toContainText(
    'mcpServers.GitHub.env.GITHUB_TOKEN moves to the keychain as mcp.github.GITHUB_TOKEN',
  );
  await expect(preview).toContainText('mcpServers.linear.headers.Authorization moves to the keychain');
  await expect(preview).toContainText('GitHub → github');
  await expect(preview).toContainText('mcpServers.broken.command: is required');
  await expect(preview).not.toContainText(TOKEN);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).include('main').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await section.screenshot({ path: info.outputPath(`mcp-import-${width}-${scheme}.png`) });
    }
  }

  // This host has no keychain: applying says which variable to set, and adds nothing.
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(section.getByTestId('mcp-import-error')).toContainText('RIDGELINE_SECRET_');
  await expect(page.getByLabel('Servers (JSON list)')).toHaveValue('[]');
});

test('a pasted config is applied, and a remote server is added by hand', async ({ board: page }) => {
  const section = await openSection(page);
  const list = page.getByLabel('Servers (JSON list)');
  await section.getByLabel('Paste config').fill(plain);
  await section.getByRole('button', { name: 'Preview pasted config' }).click();
  await section.getByTestId('mcp-import-preview').getByRole('button', { name: 'Apply' }).click();
  await expect(section.getByTestId('mcp-import-preview')).toContainText('Added 1 server from pasted text.');
  await expect(list).toHaveValue(/"name": "files"/);

  const remote = section.getByTestId('mcp-remote-form');
  await remote.getByLabel('Name').fill('weather');
  await remote.getByLabel('URL').fill('not a url');
  await remote.getByLabel('Headers from secrets').fill('Authorization: weather_token');
  await remote.getByRole('button', { name: 'Add server' }).click();
  await expect(remote.getByTestId('error-mcpRemoteUrl')).toHaveText('must be an http:// or https:// URL');
  await remote.getByLabel('URL').fill('https://weather.example.com/mcp');
  await remote.getByRole('button', { name: 'Add server' }).click();
  await expect(list).toHaveValue(/"secretHeaders": \{\s*"Authorization": "weather_token"/);
  await expect(remote.getByLabel('Name')).toHaveValue('');
  await expect(page.getByTestId('secret-weather_token')).toContainText('missing');
});
