// The board's Content-Security-Policy against the pipeline editor: typing over a selection that
// spans lines makes Chromium's own editing engine write a style attribute onto the merged line,
// which the policy must allow, while <style> elements and inline scripts stay refused.
import type { Page } from '@playwright/test';
import { taskForm } from './board-page';
import { expect, openBoard, test } from './fixtures';

interface Violation {
  directive: string;
  target: string;
}

// Browser-side code is written as text: the tests' TypeScript has no DOM types.
const listenForViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    const target = event.composedPath()[0];
    window.cspViolations.push({
      directive: event.effectiveDirective,
      target: target instanceof Element ? target.className : String(target),
    });
  }, true);
`;

/** Records every CSP violation the page reports, with the element it was about. */
async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.evaluate(listenForViolations);
  return () => page.evaluate<Violation[]>('window.cspViolations');
}

const injectInlineStyleAndScript = `(() => {
  const style = document.createElement('style');
  style.textContent = 'body { outline: 7px solid red; }';
  document.head.append(style);
  const script = document.createElement('script');
  script.textContent = 'window.inlineScriptRan = true;';
  document.body.append(script);
  return {
    style: getComputedStyle(document.body).outlineWidth === '7px',
    script: 'inlineScriptRan' in window,
  };
})()`;

test('typing over lines of the pipeline editor breaks no CSP rule', async ({ board: page }) => {
  const violations = await recordViolations(page);
  await page.getByRole('button', { name: 'New task' }).click();
  const editor = taskForm(page).getByLabel('Steps (JSON or YAML)');
  await editor.click();
  await page.keyboard.insertText('steps:\n  - id: first\n    uses: shell.exec\n    with:\n      argv: [echo, hi]\n');
  await expect(taskForm(page).getByTestId('pipeline-valid')).toHaveText('1 step, valid');

  // Every line drawn, the empty last one included, before they are all selected.
  await expect(taskForm(page).locator('.cm-line')).toHaveCount(6);
  // Select every line and type: the browser's own editing replaces the selection, CodeMirror redraws after.
  await editor.press('Control+a');
  await editor.press('x');
  await expect(taskForm(page).locator('.cm-line')).toHaveText(['x']);
  await editor.press('Control+a');
  await page.keyboard.insertText('steps: []\n');
  await expect(taskForm(page).locator('.cm-line').first()).toHaveText('steps: []');
  expect(await violations()).toEqual([]);
});

test('the board still refuses inline scripts and <style> elements', async ({ page, host }) => {
  // Not the `board` fixture: this test causes violations on purpose.
  await openBoard(page, host.loginUrl);
  const violations = await recordViolations(page);
  const applied = await page.evaluate<{ style: boolean; script: boolean }>(injectInlineStyleAndScript);
  expect(applied).toEqual({ style: false, script: false });
  // Each is refused twice: by the host's header and by the page's own meta policy.
  await expect
    .poll(async () => (await violations()).map((v) => v.directive).sort())
    .toEqual(['script-src-elem', 'script-src-elem', 'style-src-elem', 'style-src-elem']);
});
