import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOnPath } from '../../../../src-main/core/tools/program-path';
import { notifierStatus } from '../../../../src-main/os/notifier';
import type { NeedCheck } from '../../../../src-main/core/api/contract';
import { makeTempDir } from '../../../helpers/temp-dir';
import { startedTestRuntime, type TestRuntime, type TestRuntimeOptions } from '../../../helpers/test-runtime';

// The needs of the bundled templates checked on a real runtime: the secret store reads a given
// environment, programs are looked for on the real PATH, projects are real git repositories in temp
// folders. The notifier records instead of showing (no desktop here) and says what it is told of
// the notification server.
const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function runtime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const t = await startedTestRuntime(options);
  running.push(t);
  return t;
}

const noServer = { available: false as const, reason: 'no desktop session bus' };

function gitRepo(): string {
  const dir = makeTempDir('ridgeline-repo-');
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const byKind = (needs: NeedCheck[], kind: NeedCheck['kind'], name?: string): NeedCheck | undefined =>
  needs.find((n) => n.kind === kind && (name === undefined || n.name === name));

describe('findOnPath', () => {
  it('finds an executable file in a PATH folder and skips files that cannot run and folders', () => {
    const first = makeTempDir('ridgeline-bin-');
    const second = makeTempDir('ridgeline-bin-');
    writeFileSync(join(first, 'tool'), 'not executable');
    mkdirSync(join(first, 'dir-tool'));
    writeFileSync(join(second, 'tool'), '#!/bin/sh\necho hi\n');
    chmodSync(join(second, 'tool'), 0o755);
    const env = { PATH: [first, second].join(delimiter) };
    expect(findOnPath('tool', env, 'linux')).toBe(join(second, 'tool'));
    expect(findOnPath('dir-tool', env, 'linux')).toBeUndefined();
    expect(findOnPath('missing', env, 'linux')).toBeUndefined();
    expect(findOnPath(join(second, 'tool'), {}, 'linux')).toBe(join(second, 'tool'));
  });
});

describe('notifierStatus', () => {
  it('needs notify-send on PATH and a session bus on Linux, and nothing on macOS or Windows', () => {
    const bin = makeTempDir('ridgeline-bin-');
    writeFileSync(join(bin, 'notify-send'), '#!/bin/sh\n');
    chmodSync(join(bin, 'notify-send'), 0o755);
    expect(notifierStatus('linux', { PATH: bin, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1/bus' })).toEqual({
      available: true,
    });
    expect(notifierStatus('linux', { PATH: bin })).toMatchObject({
      available: false,
      reason: expect.stringContaining('DBUS_SESSION_BUS_ADDRESS'),
    });
    expect(notifierStatus('linux', { PATH: '', DBUS_SESSION_BUS_ADDRESS: 'x' })).toMatchObject({
      available: false,
      reason: expect.stringContaining('notify-send is not on PATH'),
    });
    expect(notifierStatus('darwin', {})).toEqual({ available: true });
  });
});

describe('templates.check', () => {
  it('on a fresh data directory says what each template still needs, how to meet it and where in Settings', async () => {
    const t = await runtime({ notifierStatus: noServer });
    const chore = await t.runtime.api.call('templates.check', { id: 'nightly-coding-chore' });
    expect(chore.ready).toBe(false);
    expect(byKind(chore.needs, 'project')).toMatchObject({
      met: false,
      found: 'no project chosen',
      settingsHash: '#/settings?section=projects',
    });
    expect(byKind(chore.needs, 'secret', 'anthropic_api_key')).toMatchObject({
      met: false,
      howTo: expect.stringContaining('ANTHROPIC_API_KEY'),
      settingsHash: '#/settings?section=secrets',
    });
    expect(byKind(chore.needs, 'cli', 'git')).toMatchObject({
      met: true,
      found: expect.stringMatching(/^found at \//),
    });
    // Implied by the notify step, though the file does not declare it.
    expect(byKind(chore.needs, 'notifications')).toMatchObject({
      met: false,
      found: 'no desktop session bus',
      settingsHash: '#/settings?section=notifications',
    });
    // Each need is listed once, declared or implied.
    const keys = chore.needs.map((n) => `${n.kind}:${n.kind === 'project' ? '' : n.name}`);
    expect(new Set(keys).size).toBe(keys.length);

    const disk = await t.runtime.api.call('templates.check', { id: 'disk-backup-watch' });
    expect(disk.needs.filter((n) => !n.met).map((n) => n.kind)).toEqual(['notifications']);
  });

  it('finds the key in the environment, a project whose work directory is a repository, and a CLI on PATH', async () => {
    const t = await runtime({
      secretEnv: { ANTHROPIC_API_KEY: 'sk-ant-test' },
      notifierStatus: { available: true },
    });
    const project = await t.runtime.api.call('projects.create', { name: 'Site', workDir: gitRepo() });
    const health = await t.runtime.api.call('templates.check', { id: 'nightly-repo-health', projectId: project.id });
    expect(health.needs.filter((n) => !n.met)).toEqual([]);
    expect(health.ready).toBe(true);
    expect(byKind(health.needs, 'secret', 'anthropic_api_key')?.found).toBe('found in the environment');
    expect(byKind(health.needs, 'project')?.found).toContain('project "Site"');

    const chore = await t.runtime.api.call('templates.check', { id: 'nightly-coding-chore', projectId: project.id });
    const claude = byKind(chore.needs, 'cli', 'claude')!;
    expect(claude.met).toBe(findOnPath('claude', process.env) !== undefined);
    if (!claude.met)
      expect(claude).toMatchObject({ found: 'not on PATH', howTo: expect.stringContaining('PATH searched: ') });
  });

  it('does not count a project without a work directory, or whose directory is gone', async () => {
    const t = await runtime({ notifierStatus: { available: true } });
    const bare = await t.runtime.api.call('projects.create', { name: 'Bare' });
    const bareCheck = await t.runtime.api.call('templates.check', { id: 'nightly-repo-health', projectId: bare.id });
    expect(byKind(bareCheck.needs, 'project')).toMatchObject({
      met: false,
      found: 'project "Bare" has no work directory',
      settingsHash: '#/settings?section=projects',
    });
    const dir = gitRepo();
    const moved = await t.runtime.api.call('projects.create', { name: 'Moved', workDir: dir });
    rmSync(dir, { recursive: true });
    const movedCheck = await t.runtime.api.call('templates.check', { id: 'nightly-repo-health', projectId: moved.id });
    expect(byKind(movedCheck.needs, 'project')).toMatchObject({ met: false, found: expect.stringContaining(dir) });
  });
});

describe('templates.install with needs unmet', () => {
  it('creates the task paused, not scheduled, saying why; resuming clears the reason', async () => {
    const t = await runtime({ notifierStatus: noServer });
    const task = await t.runtime.api.call('templates.install', { id: 'nightly-coding-chore' });
    expect(task.paused).toBe(true);
    expect(task.nextRunAt).toBeNull();
    expect(task.pausedReason).toMatch(/^Installed paused: it still needs /);
    expect(task.pausedReason).toContain('project work directory (no project chosen)');
    expect(task.pausedReason).toContain('secret anthropic_api_key');
    expect((await t.runtime.api.call('tasks.get', { id: task.id })).pausedReason).toBe(task.pausedReason);

    const resumed = await t.runtime.api.call('tasks.resume', { id: task.id });
    expect(resumed).toMatchObject({ paused: false, pausedReason: null });
    const paused = await t.runtime.api.call('tasks.pause', { id: task.id });
    expect(paused).toMatchObject({ paused: true, pausedReason: null });
  });

  it('installs a template whose needs are all met as an active task', async () => {
    const t = await runtime({ notifierStatus: { available: true } });
    const task = await t.runtime.api.call('templates.install', {
      id: 'disk-backup-watch',
      params: { backup_dir: makeTempDir(), disk_path: '/' },
    });
    expect(task).toMatchObject({ paused: false, pausedReason: null });
    expect(task.nextRunAt).not.toBeNull();
  });

  it('names the template when checking one that does not exist', async () => {
    const t = await runtime();
    await expect(t.runtime.api.call('templates.check', { id: 'nope' })).rejects.toThrow(
      /templates\.check: id: there is no template "nope"/,
    );
  });
});
