import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTool } from '../../../../src-main/core/tools/registry';
import { loadBundledTemplates, loadTemplate } from '../../../../src-main/core/api/templates-gallery';
import { appErrorOf } from '../../../helpers/app-error';
import { makeTempDir } from '../../../helpers/temp-dir';
import { startedTestRuntime, type TestRuntime, type TestRuntimeOptions } from '../../../helpers/test-runtime';

// The gallery on the whole runtime: a real database, real child processes (df, find, node), files
// in a temp folder; the notifier records instead of showing (no desktop here).
const running: TestRuntime[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.runtime.stop();
});

async function runtime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const t = await startedTestRuntime(options);
  running.push(t);
  return t;
}

async function until(t: TestRuntime, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    t.clock.advance(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function finished(t: TestRuntime, runId: string): string | undefined {
  const status = t.pushed
    .filter((m) => m.event === 'run:updated' && m.data.run.id === runId)
    .map((m) => (m.event === 'run:updated' ? m.data.run.status : ''))
    .at(-1);
  return status && !['queued', 'running'].includes(status) ? status : undefined;
}

/** A backup folder whose only file was written `hoursAgo` hours ago (by the real clock: find reads it). */
function backupFolder(hoursAgo: number): string {
  const dir = makeTempDir('ridgeline-backups-');
  const file = join(dir, 'backup.tar');
  writeFileSync(file, 'backup');
  const at = (Date.now() - hoursAgo * 3600_000) / 1000;
  utimesSync(file, at, at);
  return dir;
}

describe('templates gallery', () => {
  it('bundles the four templates, each valid against the registered tools', () => {
    const templates = loadBundledTemplates(findTool);
    expect([...templates.keys()]).toEqual([
      'disk-backup-watch',
      'morning-briefing',
      'nightly-coding-chore',
      'nightly-repo-health',
    ]);
    const disk = templates.get('disk-backup-watch')!.entry;
    expect(disk.needs).toEqual([]);
    expect(disk.tools.some((tool) => tool.startsWith('llm.') || tool === 'agent.run')).toBe(false);
    expect(templates.get('morning-briefing')!.entry.schedule).toEqual({
      kind: 'cron',
      expr: '30 8 * * 1-5',
      timezone: 'America/Denver',
    });
    const chore = templates.get('nightly-coding-chore')!;
    expect(chore.entry.tools).toEqual(['agent.run', 'llm.structured', 'approval.request', 'notify.send']);
    expect(chore.pipeline.steps.find((s) => s.uses === 'llm.structured')?.role).toBe('verifier');
  });

  it('dry-runs every template with its sample params: each step renders, nothing runs', async () => {
    const t = await runtime();
    for (const { file } of loadBundledTemplates(findTool).values()) {
      const result = await t.runtime.api.call('pipelines.dryRun', {
        pipeline: file.pipeline!,
        params: file.sampleParams,
        task: { title: file.title, type: file.taskType! },
      });
      expect({ id: file.id, issues: result.issues }).toEqual({ id: file.id, issues: [] });
      expect(result.ok).toBe(true);
      expect(result.steps.filter((step) => step.error !== null)).toEqual([]);
    }
    const briefing = await t.runtime.api.call('pipelines.dryRun', {
      pipeline: loadBundledTemplates(findTool).get('morning-briefing')!.file.pipeline!,
    });
    // The fake clock reads 8:30 AM MST.
    expect(briefing.steps.at(-1)?.input).toMatchObject({ title: 'Morning briefing ready · 8:30 AM MST' });
  });

  it('refuses a broken template, naming the file and the field', () => {
    const good = loadBundledTemplates(findTool).get('disk-backup-watch')!.file;
    const broken = {
      ...good,
      pipeline: { ...good.pipeline, steps: [{ id: 'x', uses: 'shell.exec', with: { argv: [] } }] },
    };
    expect(() => loadTemplate('broken.json', broken, findTool)).toThrow(
      /^broken\.json: pipeline\.steps\[0\]\.with\.argv/,
    );
    expect(() => loadTemplate('typo.json', { ...good, summry: 'x' }, findTool)).toThrow(/^typo\.json: .*summry/);
  });

  it('lists the templates with what each needs through the API', async () => {
    const t = await runtime();
    const entries = await t.runtime.api.call('templates.list', {});
    const briefing = entries.find((e) => e.id === 'morning-briefing')!;
    expect(briefing.needs.map((n) => n.kind)).toContain('provider');
    expect(briefing.params.map((p) => p.name)).toEqual(['weather_url', 'news_url']);
    expect(entries.find((e) => e.id === 'disk-backup-watch')!.params).toContainEqual({
      name: 'backup_dir',
      type: 'string',
      description: expect.any(String),
      default: null,
      required: true,
    });
  });

  it('installs the morning briefing as a task due at 8:30 AM Mountain Time on a weekday', async () => {
    const t = await runtime({ secretEnv: { ANTHROPIC_API_KEY: 'sk-ant-test' } });
    const task = await t.runtime.api.call('templates.install', { id: 'morning-briefing' });
    expect(task).toMatchObject({
      title: 'Morning briefing',
      taskType: 'briefing',
      schedule: { kind: 'cron', expr: '30 8 * * 1-5', timezone: 'America/Denver' },
    });
    // The fake clock starts on Monday 2026-11-23 at 8:30 AM MST (15:30 UTC).
    expect(task.nextRunAt).toBe('2026-11-24T15:30:00.000Z');
    expect(task).toMatchObject({ paused: false, pausedReason: null });
  });

  it('names the field when an install is given a bad template id or bad params', async () => {
    const t = await runtime();
    const unknown = await appErrorOf(t.runtime.api.invoke('templates.install', { id: 'nope' }));
    expect(unknown.code).toBe('validation_failed');
    expect(unknown.details.issues).toEqual([{ path: 'id', message: expect.stringContaining('disk-backup-watch') }]);
    const missing = await appErrorOf(t.runtime.api.invoke('templates.install', { id: 'disk-backup-watch' }));
    expect(missing.details.issues).toEqual([{ path: 'params.backup_dir', message: 'missing' }]);
    const wrong = await appErrorOf(
      t.runtime.api.invoke('templates.install', {
        id: 'disk-backup-watch',
        params: { backup_dir: '/tmp', max_disk_used_percent: 'ninety', colour: 'red' },
      }),
    );
    expect(wrong.message).toBe(
      'Invalid input for templates.install: params.max_disk_used_percent: must be a number, not a string; ' +
        'params.colour: is not a param of this pipeline',
    );
    expect((await t.runtime.api.call('tasks.list', {})).total).toBe(0);
  });

  it('runs the disk and backup watch with no key and notifies when its limits are crossed', async () => {
    const t = await runtime();
    const stale = backupFolder(48);
    const task = await t.runtime.api.call('templates.install', {
      id: 'disk-backup-watch',
      params: { backup_dir: stale, max_disk_used_percent: 0 },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, () => finished(t, run.id) !== undefined);
    expect(finished(t, run.id)).toBe('succeeded');
    // The second notification of the minute is held by burst coalescing, then shown as itself.
    t.clock.advance(60_000);
    await until(t, () => t.notifications.length === 2);
    expect(t.notifications.map((n) => n.title)).toEqual(['Disk almost full', 'Backup is stale']);
    expect(t.notifications[0]!.body).toMatch(/ is \d+% full \(the limit is 0%\)/);
    expect(t.notifications[1]!.body).toBe(`No file in ${stale} is newer than 1560 minutes.`);
  });

  it('keeps the disk and backup watch quiet while the disk and the backup are within limits', async () => {
    const t = await runtime();
    const task = await t.runtime.api.call('templates.install', {
      id: 'disk-backup-watch',
      params: { backup_dir: backupFolder(1), max_disk_used_percent: 101 },
    });
    const run = await t.runtime.api.call('tasks.runNow', { id: task.id });
    await until(t, () => finished(t, run.id) !== undefined);
    expect(finished(t, run.id)).toBe('succeeded');
    expect(t.notifications).toEqual([]);
  });
});
