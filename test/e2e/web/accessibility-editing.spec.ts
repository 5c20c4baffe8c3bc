// axe-core over the board's editing surfaces, light and dark: the task form with the pipeline
// editor showing an underlined mistake, its completion list and a dry run, and Settings with a
// project listed, its edit dialog (laid out on the theme's surface) and its delete confirmation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

const surface = { light: 'rgb(255, 255, 255)', dark: 'rgb(26, 32, 41)' };

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the task form with its pipeline editor and Settings with a project pass axe, light or dark', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(180_000);
  const repo = mkdtempSync(join(tmpdir(), 'ridgeline-a11y-repo-'));
  execFileSync('git', ['init', '-q', repo]);
  await apiCall(request, host, 'projects.create', {
    name: 'App',
    workDir: repo,
    repoUrl: 'https://example.com/app.git',
  });
  const origin = new URL(page.url()).origin;

  const found: string[] = [];
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${origin}/#/board`);
      await expect(page.getByText(/^Loading/)).toHaveCount(0, { timeout: 15_000 });
      await page.getByRole('button', { name: 'New task' }).click();
      const form = taskForm(page);
      await form.getByLabel('Title', { exact: true }).fill('Checked form');
      const editor = form.getByLabel('Steps (JSON or YAML)');
      await setEditorText(editor, 'steps:\n  - id: first\n    uses: shel.exec\n    with:\n      argv: [echo, hi]\n');
      await expect(form.locator('.cm-lintRange-error').first()).toBeVisible();
      found.push(...(await seriousViolations(page, `${scheme} task form with an issue`)));

      await setEditorText(editor, 'steps:\n  - id: first\n    uses: she');
      await editor.press('Control+Space');
      await expect(page.locator('.cm-tooltip-autocomplete')).toBeVisible();
      found.push(...(await seriousViolations(page, `${scheme} task form completing`)));
      await editor.press('Escape');

      await setEditorText(editor, 'steps:\n  - id: first\n    uses: shell.exec\n    with:\n      argv: [echo, hi]\n');
      await form.getByRole('button', { name: 'Dry run' }).click();
      await expect(form.getByTestId('dry-run-steps')).toContainText('first');
      found.push(...(await seriousViolations(page, `${scheme} task form after a dry run`)));

      // The form still holds its edits, so leaving asks first; discarding them lets Settings open.
      await page.goto(`${origin}/#/settings`);
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Discard changes' }).click();
      await expect(page).toHaveURL(/#\/settings$/);
      await page.reload();
      await expect(page.getByTestId('project-row')).toContainText('App');
      found.push(...(await seriousViolations(page, `${scheme} settings`)));
      await page.getByRole('button', { name: 'Edit App' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('work-dir-ok')).toBeVisible();
      // The dialog takes the theme's surface, not the browser's own dark canvas, and pads its form.
      await expect(dialog).toHaveCSS('background-color', surface[scheme]);
      await expect(dialog.locator('form')).toHaveCSS('padding-left', '20px');
      found.push(...(await seriousViolations(page, `${scheme} project dialog`)));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Delete App' }).click();
      await expect(page.getByRole('group', { name: 'Confirm deleting App' })).toBeVisible();
      found.push(...(await seriousViolations(page, `${scheme} project delete`)));
    }
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
  expect(found).toEqual([]);
});
