// A coding-agent step's permission envelope in the task form, against the real headless host: a
// setting of another CLI is refused with its path while the user types, and a valid envelope is
// shown in words with where the agent works.
import { taskForm } from './board-page';
import { expect, test } from './fixtures';
import { setEditorText } from './pipeline-editor-page';

const step = (permissions: string) => `steps:
  - id: chore
    uses: agent.run
    with:
      cli: claude
      prompt: Fix the typos
      permissions: ${permissions}
`;

test('the task form refuses another CLI’s permission setting and shows what the agent may do', async ({
  board: page,
}) => {
  await page.getByRole('button', { name: 'New task' }).click();
  const form = taskForm(page);
  const steps = form.getByLabel('Steps (JSON or YAML)');

  await setEditorText(steps, step('{ sandbox: read-only }'));
  await expect(form.getByTestId('pipeline-issues')).toContainText(
    'steps[0].with.permissions.sandbox: is a codex setting; claude takes allowed_tools, permission_mode',
  );
  await expect(form.getByTestId('agent-envelopes')).toHaveCount(0);

  await setEditorText(steps, step('{ allowed_tools: [Read, Edit], permission_mode: acceptEdits }'));
  await expect(form.getByTestId('pipeline-valid')).toHaveText('1 step, valid');
  await expect(form.getByTestId('agent-envelope')).toHaveText(
    "chore (claude): may use Read, Edit; permission mode acceptEdits; works in its own worktree on the task's branch. Asking for more stops the run for your approval.",
  );
});
