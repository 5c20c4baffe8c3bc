import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { runCli, runCliInTerminal } from '../helpers/ridgeline-cli';
import { makeTempDir } from '../helpers/temp-dir';

// The built `ridgeline` command as a child process against the built headless host, also a child
// process, on a temp data directory: every call goes over real HTTP on loopback.
let host: HeadlessHost;
let pipelineFile: string;
beforeAll(async () => {
  host = await startHeadlessHost({ dataDir: makeTempDir() });
  pipelineFile = join(host.dataDir, 'greet.yaml');
  writeFileSync(
    pipelineFile,
    [
      'params:',
      '  who: { type: string, default: nobody }',
      'steps:',
      '  - id: greet',
      '    uses: shell.exec',
      '    with: { argv: [echo, "hello ${params.who}"] }',
    ].join('\n'),
  );
});
afterAll(async () => host?.stop());

const cli = (...args: string[]) => runCli([...args, '--data-dir', host.dataDir]);
const ESC = '\u001b[';
const ZONE_ABBREVIATION = /\d{1,2}:\d{2} [AP]M M[SD]T/;

async function addGreetTask(title: string): Promise<string> {
  const added = await cli('tasks', 'add', '--title', title, '--pipeline', pipelineFile, '--json');
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  return (JSON.parse(added.stdout) as { id: string }).id;
}

async function runToEnd(taskId: string, ...params: string[]): Promise<string> {
  const queued = await cli('tasks', 'run', taskId, ...params.flatMap((p) => ['--param', p]), '--json');
  expect(queued.code).toBe(0);
  const runId = (JSON.parse(queued.stdout) as { id: string }).id;
  const followed = await cli('runs', 'logs', runId, '-f');
  expect(followed.code).toBe(0);
  expect(followed.stdout).toMatch(/Run \S+ succeeded/);
  return runId;
}

// Each CLI call is a fresh Node process; on a busy machine a few of them add up to seconds.
describe('ridgeline against a running headless host', { timeout: 60_000 }, () => {
  it('status shows the scheduler, spend and times in the display timezone with its abbreviation', async () => {
    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Scheduler: running');
    expect(status.stdout).toMatch(ZONE_ABBREVIATION);
    expect(status.stdout).toContain('Spend: $0.00 today, $0.00 this month');
    expect(status.stdout).toContain('Needs attention (0)');
  });

  it('adds a manual shell task and runs it with --param, whose value reaches the step', async () => {
    const taskId = await addGreetTask('Greet');
    const listed = await cli('tasks', 'ls');
    expect(listed.stdout).toMatch(new RegExp(`${taskId}\\s+Greet\\s+\\S+\\s+manual`));
    const runId = await runToEnd(taskId, 'who=world');
    const logs = await cli('runs', 'logs', runId);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/M[SD]T {2}\[greet\] hello world/);
  });

  it('follows a run live with tasks run -f until it ends', async () => {
    const taskId = await addGreetTask('Greet live');
    const followed = await cli('tasks', 'run', taskId, '-f');
    expect(followed.code).toBe(0);
    expect(followed.stdout).toContain('[greet] hello nobody');
    expect(followed.stdout).toMatch(/Run \S+ succeeded\n$/);
  });

  it('runs ls lists runs with their task title, and runs show --json answers with the API output', async () => {
    const taskId = await addGreetTask('Greet shown');
    const runId = await runToEnd(taskId);
    // 500 tasks updated after it: the run's task is not among the 500 a board page would list first.
    for (let i = 0; i < 500; i++) {
      const response = await fetch(`${host.baseUrl}/api/tasks.create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Filler ${i}` }),
      });
      expect(response.status).toBe(200);
    }
    const listed = await cli('runs', 'ls', '--task', taskId);
    expect(listed.stdout).toMatch(new RegExp(`${runId}\\s+Greet shown\\s+succeeded\\s+manual`));
    const shown = await cli('runs', 'show', runId, '--json');
    expect(shown.code).toBe(0);
    const details = JSON.parse(shown.stdout) as { run: { id: string; status: string }; steps: { stepId: string }[] };
    expect(details.run).toMatchObject({ id: runId, status: 'succeeded' });
    expect(details.steps.map((s) => s.stepId)).toContain('greet');
  });

  it('queue, approvals ls and usage answer for people and, with --json, with the API output', async () => {
    const queue = await cli('queue');
    expect(queue.code).toBe(0);
    expect(queue.stdout).toContain('Running (0)');
    expect(queue.stdout).toContain('Waiting (0)');
    const approvals = await cli('approvals', 'ls', '--json');
    expect(JSON.parse(approvals.stdout)).toEqual([]);
    const usage = await cli('usage');
    expect(usage.stdout).toContain('Total: $0.00 in 0 calls');
    const usageJson = JSON.parse((await cli('usage', '--json')).stdout) as { timezone: string };
    expect(usageJson.timezone).toBe('America/Denver');
  });

  it('pauses, resumes and deletes a task; a deleted one is not found (exit 4)', async () => {
    const taskId = await addGreetTask('Short-lived');
    expect((await cli('tasks', 'pause', taskId)).stdout).toContain('Paused "Short-lived"');
    expect(JSON.parse((await cli('tasks', 'show', taskId, '--json')).stdout)).toMatchObject({ paused: true });
    expect((await cli('tasks', 'resume', taskId)).code).toBe(0);
    expect((await cli('tasks', 'rm', taskId)).stdout).toContain(`Deleted task ${taskId}`);
    const gone = await cli('tasks', 'show', taskId);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toContain(`${taskId} does not exist`);
  });

  it('adds a task with tags, lists it by any of its tags and shows them', async () => {
    const added = await cli('tasks', 'add', '--title', 'Tagged chore', '--tag', 'ops', '--tag', 'Nightly', '--json');
    expect(added.code).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: string }).id;
    const listed = await cli('tasks', 'ls', '--tag', 'NIGHTLY', '--tag', 'absent', '--json');
    expect((JSON.parse(listed.stdout) as { items: Array<{ id: string }> }).items.map((t) => t.id)).toEqual([id]);
    const shown = await cli('tasks', 'show', id);
    expect(shown.stdout).toMatch(/Tags:\s+ops, Nightly/);
  });

  it('names an unknown flag and the command it was given to (exit 2)', async () => {
    const result = await cli('tasks', 'ls', '--bogus');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ridgeline tasks ls: Unknown flag --bogus.');
    expect(result.stderr).toContain('ridgeline tasks ls --help');
  });

  it('prints the path of each field the API refused (exit 2)', async () => {
    const result = await cli('tasks', 'add', '--title', 'Bad', '--schedule', 'cron');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid input for tasks.create:');
    expect(result.stderr).toContain('schedule.expr: is required for a cron schedule');
  });

  it('names a --param written without a value', async () => {
    const result = await cli('tasks', 'run', 'any', '--param', 'who');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--param "who" must be written name=value');
  });

  it('prints no escape codes when stdout is not a terminal', async () => {
    const result = await cli('status');
    expect(result.stdout).not.toContain(ESC);
  });

  it('colours statuses on a terminal, and not when NO_COLOR is set', async () => {
    const args = ['status', '--data-dir', host.dataDir];
    const coloured = await runCliInTerminal(args);
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain(`${ESC}32mrunning`);
    const plain = await runCliInTerminal(args, { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Scheduler: running');
    expect(plain.stdout).not.toContain(ESC);
  });
});
