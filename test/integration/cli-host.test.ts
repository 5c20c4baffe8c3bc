import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_NODE_FLAGS } from '../../src-main/os/host-command';
import { readHostFile } from '../../src-main/os/host-file';
import { startHeadlessHost } from '../helpers/headless-host';
import { CLI_ENTRY, runCli } from '../helpers/ridgeline-cli';
import { makeTempDir } from '../helpers/temp-dir';

// How the `ridgeline` command finds a host (host.json), says when there is none, starts one with
// `serve`, and explains itself with --help. Real child processes on temp data directories.
const NO_HOST = 3;

function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((done, fail) => {
    const poll = (): void => {
      if (check()) return done();
      if (Date.now() > until) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

describe('finding the host', { timeout: 60_000 }, () => {
  it('says no host is running and how to start one, with exit code 3', async () => {
    const dataDir = makeTempDir();
    const result = await runCli(['status', '--data-dir', dataDir]);
    expect(result.code).toBe(NO_HOST);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`No Ridgeline host is running for ${dataDir}`);
    expect(result.stderr).toContain('ridgeline serve');
    expect(result.stderr).toContain('open the desktop app');
  });

  it('finds the host through RIDGELINE_DATA_DIR as the hosts do', async () => {
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    try {
      const result = await runCli(['queue'], { env: { RIDGELINE_DATA_DIR: host.dataDir } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    } finally {
      await host.stop();
    }
  });

  it('the host writes host.json (0600) while it listens and removes it when it stops', async () => {
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    const file = join(host.dataDir, 'host.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ pid: host.pid, url: host.baseUrl, port: Number(new URL(host.baseUrl).port) });
    expect(typeof record.startedAt).toBe('string');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await host.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('reads a host.json left by a killed host as no host', async () => {
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    await host.kill();
    expect(existsSync(join(host.dataDir, 'host.json'))).toBe(true);
    const result = await runCli(['status', '--data-dir', host.dataDir]);
    expect(result.code).toBe(NO_HOST);
    expect(result.stderr).toContain('No Ridgeline host is running');
  });

  it('says the host does not answer when host.json names a live process on a closed port', async () => {
    const dataDir = makeTempDir();
    writeFileSync(join(dataDir, 'api-token'), 'x'.repeat(40));
    // This test's own process is alive, but nothing listens on port 9 of 127.0.0.1.
    const record = { pid: process.pid, port: 9, url: 'http://127.0.0.1:9', startedAt: '2026-12-01T00:00:00Z' };
    writeFileSync(join(dataDir, 'host.json'), JSON.stringify(record));
    const result = await runCli(['tasks', 'ls', '--data-dir', dataDir]);
    expect(result.code).toBe(NO_HOST);
    expect(result.stderr).toContain(`process ${process.pid} does not answer at http://127.0.0.1:9`);
  });
});

describe('ridgeline serve', { timeout: 60_000 }, () => {
  it('runs the headless host on the given data directory and port, which the other commands then use', async () => {
    const dataDir = makeTempDir();
    const child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      await waitFor(() => out.includes('Board: http://127.0.0.1:'), `serve to start:\n${out}`);
      const status = await runCli(['status', '--data-dir', dataDir]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('Scheduler: running');
      const host = readHostFile(dataDir);
      const hostArgv = readFileSync(`/proc/${host?.pid}/cmdline`, 'utf8').split('\0');
      expect(hostArgv.slice(1, 1 + HOST_NODE_FLAGS.length)).toEqual(HOST_NODE_FLAGS);
      const again = await runCli(['serve', '--data-dir', dataDir]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`Ridgeline is already running for ${dataDir}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'host.json'))).toBe(false);
  });

  it('names a bad --port', async () => {
    const result = await runCli(['serve', '--port', 'abc', '--data-dir', makeTempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a whole number, not "abc"');
  });
});

const leafCommands = [
  'serve',
  'status',
  'queue',
  'usage',
  ...['ls', 'show', 'add', 'run', 'pause', 'resume', 'rm', 'export', 'import', 'webhook'].map((c) => `tasks ${c}`),
  ...['ls', 'show', 'logs', 'cancel', 'retry'].map((c) => `runs ${c}`),
  ...['ls', 'approve', 'reject'].map((c) => `approvals ${c}`),
];

describe('ridgeline --help', { timeout: 120_000 }, () => {
  it('lists the commands and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const name of ['serve', 'status', 'queue', 'tasks', 'runs', 'approvals', 'usage']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(result.stdout).toContain('3  no host is running');
  });

  it('answers --help on every command and group without a host', async () => {
    const dataDir = makeTempDir();
    for (const name of leafCommands) {
      const result = await runCli([...name.split(' '), '--help', '--data-dir', dataDir]);
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`^Usage: ridgeline ${name}\\b`));
      expect(result.stdout, name).toContain('--json');
    }
    for (const group of ['tasks', 'runs', 'approvals']) {
      const result = await runCli([group, '--help']);
      expect(result.code, group).toBe(0);
      expect(result.stdout, group).toContain(`ridgeline ${group} ls`);
    }
  });

  it('names an unknown command and a missing one (exit 2)', async () => {
    const unknown = await runCli(['tasks', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ridgeline tasks: unknown command "frobnicate"');
    const top = await runCli(['frobnicate']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('ridgeline: unknown command "frobnicate"');
    expect(top.stderr).toContain('See `ridgeline --help`');
  });
});

describe('ridgeline tasks export and import', { timeout: 60_000 }, () => {
  it('re-creates an exported task on a fresh data directory with the same fields, and names a file it cannot read', async () => {
    const [from, to] = await Promise.all([
      startHeadlessHost({ dataDir: makeTempDir() }),
      startHeadlessHost({ dataDir: makeTempDir() }),
    ]);
    try {
      const pipeline = join(from.dataDir, 'pipeline.yaml');
      writeFileSync(pipeline, 'steps:\n  - id: nap\n    uses: wait\n    with: { ms: 1 }\n');
      const added = await runCli([
        ...['tasks', 'add', '--title', 'Weekday nap', '--pipeline', pipeline, '--schedule', 'cron'],
        ...['--expr', '30 8 * * 1-5', '--priority', 'high', '--json', '--data-dir', from.dataDir],
      ]);
      const original = JSON.parse(added.stdout) as { id: string };
      const file = join(to.dataDir, 'task.yaml');
      const exported = await runCli(['tasks', 'export', original.id, '--out', file, '--data-dir', from.dataDir]);
      expect(exported.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('title: Weekday nap');
      const imported = await runCli(['tasks', 'import', file, '--json', '--data-dir', to.dataDir]);
      expect(imported.stderr).toBe('');
      const copy = (JSON.parse(imported.stdout) as { created: { id: string }[] }).created[0]!;
      const shownFrom = await runCli(['tasks', 'export', original.id, '--json', '--data-dir', from.dataDir]);
      const shownTo = await runCli(['tasks', 'export', copy.id, '--json', '--data-dir', to.dataDir]);
      expect(JSON.parse(shownTo.stdout)).toEqual(JSON.parse(shownFrom.stdout));
      expect(JSON.parse(shownTo.stdout)).toMatchObject({
        priority: 'high',
        schedule: { kind: 'cron', expr: '30 8 * * 1-5' },
        pipeline: { steps: [{ id: 'nap', uses: 'wait' }] },
      });

      const missing = await runCli(['tasks', 'import', '/no/such/task.yaml', '--data-dir', to.dataDir]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('file /no/such/task.yaml: ENOENT');

      // Every task at once; a file with a wrong task among right ones imports none of them.
      const everything = join(to.dataDir, 'all.yaml');
      expect((await runCli(['tasks', 'export', '--all', '--out', everything, '--data-dir', from.dataDir])).code).toBe(
        0,
      );
      const bad = join(to.dataDir, 'bad.yaml');
      writeFileSync(bad, 'title: Broken\nschedule: { kind: cron, expr: "99 * * * *" }\n');
      const refused = await runCli(['tasks', 'import', everything, bad, '--data-dir', to.dataDir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${bad}, document 1, "Broken": schedule.expr:`);
      const both = await runCli(['tasks', 'import', everything, everything, '--data-dir', to.dataDir]);
      expect(both.stdout.match(/Imported task/g)).toHaveLength(2);
      const listed = JSON.parse((await runCli(['tasks', 'ls', '--json', '--data-dir', to.dataDir])).stdout) as {
        total: number;
      };
      expect(listed.total).toBe(3);
    } finally {
      await Promise.all([from.stop(), to.stop()]);
    }
  });
});

describe('ridgeline tasks webhook and run', { timeout: 60_000 }, () => {
  it('shows a webhook as off, says which variable to set where no keychain can store a secret, and runs through tasks.trigger', async () => {
    const host = await startHeadlessHost({
      dataDir: makeTempDir(),
      // No session bus: no keychain answers, as on a server without a Secret Service.
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ridgeline-test-bus' },
    });
    try {
      const added = await runCli(['tasks', 'add', '--title', 'Hooked', '--json', '--data-dir', host.dataDir]);
      const { id } = JSON.parse(added.stdout) as { id: string };
      const status = await runCli(['tasks', 'webhook', id, '--data-dir', host.dataDir]);
      expect(status.stdout).toContain('Webhook:   off');
      const enable = await runCli(['tasks', 'webhook', id, 'enable', '--data-dir', host.dataDir]);
      expect(enable.code).toBe(1);
      expect(enable.stderr).toContain(`RIDGELINE_SECRET_WEBHOOK_${id.toUpperCase().replace(/-/g, '_')}`);
      const wrong = await runCli(['tasks', 'webhook', id, 'open', '--data-dir', host.dataDir]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('"open" is not one of status, enable, rotate, disable');
      const run = await runCli(['tasks', 'run', id, '--json', '--data-dir', host.dataDir]);
      expect(JSON.parse(run.stdout)).toMatchObject({ taskId: id, trigger: 'manual' });
    } finally {
      await host.stop();
    }
  });
});
