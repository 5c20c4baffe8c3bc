// The Graph page draws the dependency DAG: nodes coloured by column, the edge that holds a waiting run
// marked, and a node opening its task.
import { apiCall } from './api';
import { taskForm } from './board-page';
import { expect, test } from './fixtures';

test('the graph draws each dependency, marks the one holding a waiting run, and opens a task', async ({
  board: page,
  host,
  request,
}) => {
  const build = await apiCall(request, host, 'tasks.create', {
    title: 'Build',
    pipeline: {
      steps: [{ id: 'wait', uses: 'shell.exec', with: { argv: ['node', '-e', 'setTimeout(()=>{},60000)'] } }],
    },
  });
  const deploy = await apiCall(request, host, 'tasks.create', { title: 'Deploy', dependsOn: [build.id] });
  await apiCall(request, host, 'tasks.create', { title: 'Announce', dependsOn: [deploy.id] });
  await apiCall(request, host, 'tasks.create', { title: 'Unrelated' });
  await apiCall(request, host, 'tasks.runNow', { id: build.id });
  await expect
    .poll(async () => (await apiCall(request, host, 'tasks.graph', {})).nodes.find((n) => n.id === build.id)?.column)
    .toBe('running');
  await apiCall(request, host, 'tasks.runNow', { id: deploy.id });

  await page.goto(`${new URL(page.url()).origin}/#/graph`);
  const nodes = page.getByTestId('graph-node');
  await expect(nodes).toHaveCount(3);
  await expect(nodes.filter({ hasText: 'Build' })).toHaveAttribute('data-column', 'running');
  await expect(nodes.filter({ hasText: 'Deploy' })).toHaveAttribute('data-column', 'waiting');
  await expect(nodes.filter({ hasText: 'Announce' })).toHaveAttribute('data-column', 'scheduled');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge.graph-edge-holding')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge.graph-edge-holding')).toHaveAttribute(
    'data-id',
    `${build.id}->${deploy.id}`,
  );
  await expect(page.getByTestId('graph-summary')).toContainText('1 holding a waiting run');

  await nodes.filter({ hasText: 'Deploy' }).click();
  await expect(page).toHaveURL(new RegExp(`#/board\\?task=${deploy.id}$`));
  await expect(taskForm(page).getByLabel('Title', { exact: true })).toHaveValue('Deploy');
});
