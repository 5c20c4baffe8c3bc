// The steps editor against the real headless host: YAML is accepted, the server's pipeline issues
// appear under the field with their paths while the user types, and a saved YAML pipeline is
// stored as JSON.
import { apiCall } from './api';
import { card, taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

const badYaml = `steps:
  - id: first
    uses: shel.exec
  - id: second
    uses: shell.exec
    if: steps.first.exit_code ==
    with:
      argv: [echo, "\${steps.later.stdout}"]
`;

const goodYaml = `steps:
  - id: first
    uses: shell.exec
    with:
      argv: [echo, hi]
  - id: second
    uses: shell.exec
    if: steps.first.exit_code == \`0\`
    with:
      argv: [echo, "\${steps.first.stdout}"]
`;

test('the steps editor takes YAML, lists the server’s issues with their paths, and saves it as JSON', async ({
  board: page,
  host,
  request,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  await form.getByLabel('Title', { exact: true }).fill('YAML steps');
  const steps = form.getByLabel('Steps (JSON or YAML)');

  await setEditorText(steps, badYaml);
  const issues = form.getByTestId('pipeline-issues');
  await expect(issues).toContainText('steps[0].uses: there is no tool named "shel.exec"');
  await expect(issues).toContainText('steps[1].if: is not a valid JMESPath expression');
  await expect(issues).toContainText(
    'steps[1].with.argv[1]: ${steps.later.stdout} refers to step "later", which does not exist',
  );

  await setEditorText(steps, 'steps:\n  - id: a\n   uses: x\n');
  await expect(form.getByTestId('error-pipeline')).toContainText('Not valid YAML');
  await expect(issues).toHaveCount(0);

  await setEditorText(steps, goodYaml);
  await expect(form.getByTestId('pipeline-valid')).toHaveText('2 steps, valid');
  await expect(issues).toHaveCount(0);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card(page, 'YAML steps')).toBeVisible();

  const [listed] = (await apiCall(request, host, 'tasks.list', { search: 'YAML steps' })).items;
  const task = await apiCall(request, host, 'tasks.get', { id: listed!.id });
  expect(task.pipeline).toEqual({
    steps: [
      { id: 'first', uses: 'shell.exec', with: { argv: ['echo', 'hi'] } },
      {
        id: 'second',
        uses: 'shell.exec',
        if: 'steps.first.exit_code == `0`',
        with: { argv: ['echo', '${steps.first.stdout}'] },
      },
    ],
  });
});
