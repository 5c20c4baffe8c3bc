// The pipeline editor's form view and Test step in Chromium against the real headless host: a
// pipeline built in the form (steps added, filled from the tools' schemas, moved, removed) comes out
// as JSON text, one written in YAML opens in the form and stays YAML, one too complex for the form
// says why, and Test step runs a real HTTP step against a loopback server. Axe checks both views
// light and dark; screenshots at 800, 1280 and 1920 px go to test-results.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function weatherServer(): Promise<{ url: string; close(): Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ forecast: 'snow', high_f: 28 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('builds a pipeline in the form and in the text, and tests a step for real', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(240_000);
  const weather = await weatherServer();
  const found: string[] = [];
  try {
    await page.getByRole('button', { name: 'New task' }).click();
    const form = taskForm(page);
    await form.getByLabel('Title', { exact: true }).fill('Weather check');
    await form.getByRole('button', { name: 'Form', exact: true }).click();
    const steps = form.getByTestId('pipeline-form');
    await expect(steps).toContainText('No steps yet');

    // Three steps added, the first filled from the HTTP tool's schema.
    await steps.getByLabel("New step's tool").selectOption('http.request');
    await steps.getByRole('button', { name: 'Add step' }).click();
    await steps.getByLabel("New step's tool").selectOption('shell.exec');
    await steps.getByRole('button', { name: 'Add step' }).click();
    await steps.getByLabel("New step's tool").selectOption('notify.send');
    await steps.getByRole('button', { name: 'Add step' }).click();
    await expect(steps.getByTestId('pipeline-form-step')).toHaveCount(3);
    const first = steps.getByTestId('pipeline-form-step').nth(0);
    await first.getByRole('textbox', { name: 'url (required)' }).fill(`${weather.url}/today`);
    await first.getByRole('combobox', { name: 'response' }).selectOption('json');
    const second = steps.getByTestId('pipeline-form-step').nth(1);
    await second.getByRole('textbox', { name: 'argv (required)' }).fill('echo\nit will ${steps.request.body.forecast}');
    await steps
      .getByTestId('pipeline-form-step')
      .nth(2)
      .getByRole('textbox', { name: 'title (required)' })
      .fill('Weather');
    // Reordered and one removed.
    await steps.getByRole('button', { name: 'Move step send up' }).click();
    await steps.getByRole('button', { name: 'Remove step exec' }).click();
    await expect(steps.getByTestId('pipeline-form-step')).toHaveCount(2);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found.push(...(await seriousViolations(page, `${scheme} pipeline form`)));
      for (const width of [800, 1280, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await form.screenshot({ path: `test-results/pipeline-form-${scheme}-${width}.png` });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });

    // Back to the text: the form wrote JSON, in the order chosen.
    await form.getByRole('button', { name: 'Text', exact: true }).click();
    const editor = form.getByLabel('Steps (JSON or YAML)');
    const written = JSON.parse((await editor.textContent()) ?? '') as unknown;
    expect(written).toEqual({
      steps: [
        { id: 'request', uses: 'http.request', with: { url: `${weather.url}/today`, response: 'json' } },
        { id: 'send', uses: 'notify.send', with: { title: 'Weather' } },
      ],
    });

    // Test step: the HTTP step runs for real against the loopback server.
    await form.getByLabel('Step to test').selectOption('request');
    await form.getByRole('button', { name: 'Test step' }).click();
    const result = form.getByTestId('test-step-result');
    await expect(result).toContainText('request http.request: Ran in');
    await expect(form.getByTestId('test-step-output')).toContainText('"forecast": "snow"');
    expect(weather.hits).toEqual(['/today']);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      found.push(...(await seriousViolations(page, `${scheme} test step result`)));
      for (const width of [800, 1280, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await form.getByTestId('test-step').screenshot({ path: `test-results/test-step-${scheme}-${width}.png` });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });

    // YAML typed in the text opens in the form, is edited there, and stays YAML.
    await setEditorText(
      editor,
      'steps:\n  - id: greet\n    uses: shell.exec\n    with:\n      argv:\n        - echo\n        - hi\n',
    );
    await form.getByRole('button', { name: 'Form', exact: true }).click();
    await form.getByTestId('pipeline-form-step').getByRole('textbox', { name: 'timeout_ms' }).fill('5000');
    await form.getByRole('button', { name: 'Text', exact: true }).click();
    await expect(editor).toContainText('uses: shell.exec');
    await expect(editor).toContainText('timeout_ms: 5000');

    // Too complex for the form: it says why and the text stays.
    await setEditorText(
      editor,
      'steps:\n  - id: greet\n    uses: shell.exec\n    if: params.loud\n    with:\n      argv: [echo, hi]\n',
    );
    await form.getByRole('button', { name: 'Form', exact: true }).click();
    await expect(form.getByTestId('pipeline-form-refusal')).toHaveText(
      'This pipeline stays in the text: step 1 (greet) has if, which the form does not edit.',
    );
    await expect(form.getByTestId('pipeline-form')).toHaveCount(0);
    await expect(editor).toContainText('if: params.loud');

    // A step waiting for a person is not tested: the reason is shown.
    await setEditorText(editor, '{"steps":[{"id":"ask","uses":"approval.request","with":{"question":"Go?"}}]}');
    await form.getByRole('button', { name: 'Test step' }).click();
    await expect(form.getByTestId('test-step').getByRole('alert')).toContainText('cannot be tested on its own');

    await setEditorText(editor, JSON.stringify(written));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(card(page, 'Weather check')).toBeVisible();
    const [listed] = (await apiCall(request, host, 'tasks.list', {})).items;
    expect((await apiCall(request, host, 'tasks.get', { id: listed!.id })).pipeline).toEqual(written);
  } finally {
    await weather.close();
  }
  expect(found).toEqual([]);
});
