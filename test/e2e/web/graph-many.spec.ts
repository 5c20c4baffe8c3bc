// A graph of many separate chains opens readable: the chains are packed side by side and the page
// opens on the top-left of the picture at a size whose titles can be read, not shrunk to dots.
import { apiCall } from './api';
import { expect, test } from './fixtures';

test('a graph of 40 separate chains opens with its first nodes drawn at a readable size', async ({
  board: page,
  host,
  request,
}) => {
  test.setTimeout(60_000);
  for (let k = 0; k < 40; k++) {
    const first = await apiCall(request, host, 'tasks.create', { title: `Fetch ${k}` });
    const second = await apiCall(request, host, 'tasks.create', { title: `Clean ${k}`, dependsOn: [first.id] });
    await apiCall(request, host, 'tasks.create', { title: `Report ${k}`, dependsOn: [second.id] });
  }
  await page.goto(`${host.baseUrl}/#/graph`);
  await expect(page.getByTestId('graph-summary')).toHaveText('120 tasks in 80 dependencies');
  const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
  const drawn = await page.getByTestId('graph-node').evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = node.getBoundingClientRect();
      return { left: box.left, top: box.top, width: box.width };
    }),
  );
  const inView = drawn.filter(
    (n) =>
      n.left >= canvas.x && n.top >= canvas.y && n.left < canvas.x + canvas.width && n.top < canvas.y + canvas.height,
  );
  expect(inView.length).toBeGreaterThan(6);
  // A node is 200 units wide; below about half of that its title is too small to read.
  for (const node of inView) expect(node.width).toBeGreaterThan(110);
});
