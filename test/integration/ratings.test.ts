import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { runCli } from '../helpers/ridgeline-cli';
import { makeTempDir } from '../helpers/temp-dir';

// A rating round trip: the built headless host as a child process, its API over real HTTP on
// loopback, and the built `ridgeline` command as a child process against it.
let host: HeadlessHost;
beforeAll(async () => {
  host = await startHeadlessHost({ dataDir: makeTempDir() });
});
afterAll(async () => host?.stop());

const cli = (...args: string[]) => runCli([...args, '--data-dir', host.dataDir]);

async function api(name: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function finishedRun(title: string): Promise<{ taskId: string; runId: string }> {
  const task = await api('tasks.create', {
    title,
    successCriteria: [{ criterion: 'Says hello', measurable: "contains(steps.greet.stdout, 'hello')" }],
    pipeline: { steps: [{ id: 'greet', uses: 'shell.exec', summary: true, with: { argv: ['echo', 'hello'] } }] },
  });
  expect(task.status).toBe(200);
  const taskId = task.body.id as string;
  const run = await api('tasks.runNow', { id: taskId });
  const runId = run.body.id as string;
  for (let i = 0; i < 200; i++) {
    const view = await api('runs.get', { id: runId });
    if ((view.body.run as { status: string }).status === 'succeeded') return { taskId, runId };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not succeed`);
}

describe('ratings over the HTTP API and the CLI', { timeout: 60_000 }, () => {
  it('rates a run and a task, lists, shows and exports them', async () => {
    const { taskId, runId } = await finishedRun('Greeter, "quoted"');

    const byCli = await cli('runs', 'rate', runId, '--quality', '4', '--timeliness', '5', '--notes', 'short, clear');
    expect(byCli.stderr).toBe('');
    expect(byCli.stdout).toBe(`Rated run ${runId} of "Greeter, "quoted"": quality 4/5, timeliness 5/5\n`);
    const byApi = await api('ratings.set', { taskId, quality: 2, timeliness: 3, notes: 'too chatty overall' });
    expect(byApi.status).toBe(200);
    expect(byApi.body).toMatchObject({ taskId, runId: null, quality: 2, timeliness: 3 });
    // Rating the run again replaces its rating.
    const again = await cli('runs', 'rate', runId, '--quality', '5', '--timeliness', '5', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ runId, quality: 5, notes: '' });

    const listed = await api('ratings.list', { taskId });
    expect(listed.body.total).toBe(2);
    const shown = await cli('runs', 'show', runId);
    expect(shown.stdout).toMatch(/Success criteria\n.*\nSays hello\s+met\s+evaluated to true/);
    expect(shown.stdout).toContain('Summary\nhello');
    expect(shown.stdout).toMatch(/Quality:\s+5\/5/);

    const csv = await cli('ratings', 'export');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,taskId,taskTitle,runId,quality,timeliness,notes,createdAt,updatedAt');
    expect(lines).toHaveLength(3);
    expect(csv.stdout).toContain(`,"Greeter, ""quoted""",${runId},5,5,,`);
    expect(csv.stdout).toContain(`,"Greeter, ""quoted""",,2,3,too chatty overall,`);
    const json = await api('ratings.export', { format: 'json', taskId });
    expect(JSON.parse(json.body.content as string)).toHaveLength(2);
    const table = await cli('ratings', 'ls', '--task', taskId);
    expect(table.stdout).toContain('too chatty overall');
  });

  it('refuses a score outside 1-5 with its path, and a run that does not exist', async () => {
    const bad = await cli('tasks', 'rate', 'no-such-task', '--quality', '9', '--timeliness', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('quality: must be a whole number from 1 to 5');
    const missing = await cli('runs', 'rate', 'no-such-run', '--quality', '3', '--timeliness', '3');
    expect(missing.code).toBe(4);
    const help = await cli('runs', 'rate', '--help');
    expect(help.stdout).toContain('--timeliness N');
  });
});
