// The board's second round of editing against the real headless host: projects created, edited and
// deleted from Settings; the CodeMirror pipeline editor (underlines, Tab, dry run); the task's
// limits and params round trip; and a provider's Test button against a loopback model server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLlmServer } from '../../helpers/llm-servers';
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

function gitRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ridgeline-repo-'));
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

test('projects are created, checked, edited and deleted from Settings, naming the tasks kept', async ({
  board: page,
  host,
  request,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('App');
  const plain = mkdtempSync(join(tmpdir(), 'ridgeline-plain-'));
  await dialog.getByLabel('Work directory').fill(plain);
  await expect(dialog.getByTestId('error-workDir')).toContainText('is not a git repository');
  const repo = gitRepo();
  await dialog.getByLabel('Work directory').fill(repo);
  await expect(dialog.getByTestId('work-dir-ok')).toHaveText('A git repository.');
  await dialog.getByLabel(/may push branches/).check();
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-row')).toContainText('App');
  await expect(page.getByTestId('project-row')).toContainText('pushes');

  const [project] = await apiCall(request, host, 'projects.list', {});
  expect(project).toMatchObject({ name: 'App', workDir: repo, config: { skipGitPush: false, skipPrCreation: true } });
  await apiCall(request, host, 'tasks.create', {
    title: 'Nightly chore',
    projectId: project!.id,
    pipeline: { steps: [{ id: 'status', uses: 'git', with: { action: 'status' } }] },
  });

  await page.getByRole('button', { name: 'Edit App' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit project App' });
  await edit.getByLabel('Name').fill('App 2');
  await edit.getByRole('button', { name: 'Save project' }).click();
  await expect(page.getByTestId('project-row')).toContainText('App 2');

  await page.getByRole('button', { name: 'Delete App 2' }).click();
  await expect(page.getByTestId('project-delete-tasks')).toContainText('Nightly chore');
  await expect(page.getByTestId('project-delete-tasks')).toContainText('cannot run until you choose another project');
  await page.getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByTestId('project-row')).toHaveCount(0);
  const [listed] = (await apiCall(request, host, 'tasks.list', {})).items;
  const task = await apiCall(request, host, 'tasks.get', { id: listed!.id });
  expect(task.projectId).toBeNull();
});

test('the pipeline editor underlines a mistake, indents with Tab, lets Escape then Tab leave, and dry-runs', async ({
  board: page,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', { exact: true }).fill('Editor');
  const editor = form.getByLabel('Steps (JSON or YAML)');
  await setEditorText(
    editor,
    'steps:\n  - id: first\n    uses: shel.exec\n    with:\n      argv: [echo, "${params.who}"]\n',
  );
  await expect(form.locator('.cm-lintRange-error').first()).toHaveText('uses');
  await expect(form.getByTestId('pipeline-issues')).toContainText('steps[0].uses');

  await setEditorText(
    editor,
    'params:\n  who: { type: string, default: world }\nsteps:\n  - id: first\n    uses: shell.exec\n    with:\n      argv: [echo, "${params.who}"]\n',
  );
  await expect(form.getByTestId('pipeline-valid')).toHaveText('1 step, valid');
  await expect(form.locator('.cm-lintRange-error')).toHaveCount(0);

  // Tab indents inside the editor instead of leaving it.
  await editor.press('Control+End');
  await editor.press('Tab');
  await expect(editor).toBeFocused();
  await expect(form.locator('.cm-line').last()).toHaveText('  ');
  await editor.press('Backspace');
  await editor.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New task' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();

  await form.getByRole('button', { name: 'Dry run' }).click();
  const steps = form.getByTestId('dry-run-steps');
  await expect(steps).toContainText('first');
  await expect(steps).toContainText('No if: always runs.');
  await expect(steps).toContainText('"world"');
});

test('a git step without a project is refused with its path, and the limits and params round trip', async ({
  board: page,
  host,
  request,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', { exact: true }).fill('Limits');
  await setEditorText(
    form.getByLabel('Steps (JSON or YAML)'),
    '{"steps":[{"id":"s","uses":"git","with":{"action":"status"}}]}',
  );
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByTestId('error-projectId')).toContainText('is required by pipeline.steps[0]');
  await expect(form.getByTestId('error-pipeline')).toContainText('Git works in a project');

  await form
    .getByLabel('Steps (JSON or YAML)')
    .fill('{"params":{"repo":{"type":"string"}},"steps":[{"id":"s","uses":"wait","with":{"ms":1}}]}');
  await form.getByLabel('Monthly budget (USD)').fill('-1');
  await form.getByLabel('Run time limit (minutes)').fill('90');
  await form.getByLabel('Catch up missed runs within (hours)').fill('2');
  await form.getByLabel('Run failed').selectOption('off');
  await form.getByLabel('Param values (JSON)').fill('{"repo": "ridgeline"}');
  await form.getByLabel('Estimate (hours)').fill('1.5');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByTestId('error-budgetUsd')).toContainText('must not be negative');
  await form.getByLabel('Monthly budget (USD)').fill('3');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card(page, 'Limits')).toBeVisible();

  const [listed] = (await apiCall(request, host, 'tasks.list', { search: 'Limits' })).items;
  const task = await apiCall(request, host, 'tasks.get', { id: listed!.id });
  expect(task).toMatchObject({
    budgetUsd: 3,
    timeoutMs: 90 * 60_000,
    misfireGraceMs: 2 * 3600_000,
    notificationPolicy: { onFailure: false },
    params: { repo: 'ridgeline' },
    estimatedHours: 1.5,
  });
  await card(page, 'Limits').click();
  await expect(form.getByLabel('Run time limit (minutes)')).toHaveValue('90');
  await expect(form.getByLabel('Catch up missed runs within (hours)')).toHaveValue('2');
  await expect(form.getByLabel('Run failed')).toHaveValue('off');
});

test('a provider’s Test button makes one real call and shows the answer', async ({ board: page }) => {
  const server = await startLlmServer('chat-completions', [{ kind: 'text', text: 'ready' }]);
  try {
    await page.getByRole('link', { name: 'Settings' }).click();
    const providers = page.getByTestId('settings-providers');
    const box = providers.getByRole('group', { name: 'OpenAI-compatible server' });
    await box.getByLabel('Base URL').fill(server.baseUrl);
    await box.getByLabel('Default model').fill('qwen3-4b');
    await providers.getByRole('button', { name: 'Save' }).click();
    await expect(providers.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const test = page.getByTestId('provider-test-openai_compatible');
    await expect(test).toContainText('No key (not needed for a local server)');
    await expect(page.getByTestId('provider-key-anthropic')).toContainText('No key found (anthropic_api_key)');
    await test.getByRole('button', { name: 'Test' }).click();
    await expect(test).toContainText('qwen3-4b answered: “ready”');
    expect(server.requests).toHaveLength(1);
  } finally {
    await server.close();
  }
});
