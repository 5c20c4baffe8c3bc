import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../../src-main/core/api/contract';
import { createLogger } from '../../../../src-main/core/lib/logger';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { createRuntime, type Runtime } from '../../../../src-main/core/runtime';
import { createKeychain } from '../../../../src-main/os/secrets-keychain';
import { createHostSecretStore } from '../../../../src-main/os/secrets-store';
import { createFileSettings, SETTINGS_FILE } from '../../../../src-main/os/settings-file';
import { appErrorOf } from '../../../helpers/app-error';
import { FakeClock } from '../../../helpers/fake-clock';
import { makeTempDir } from '../../../helpers/temp-dir';

let running: Runtime | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/**
 * A runtime on the real settings file, with the host's secret store over environment variables.
 * The keychain is left out here through a loader that fails as keytar does where it cannot load;
 * the real keychain is exercised in test/integration/keychain.test.ts.
 */
async function start(env: NodeJS.ProcessEnv = {}) {
  const dataDir = makeTempDir();
  const logLines: string[] = [];
  const pushed: PushMessage[] = [];
  const redactor = new Redactor();
  const clock = new FakeClock();
  const runtime = createRuntime({
    dataDir,
    clock,
    notifier: { notify: async () => undefined },
    secrets: createHostSecretStore(createKeychain({ load: () => Promise.reject(new Error('no keytar here')) }), env),
    settings: createFileSettings(dataDir),
    logger: createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor, now: () => clock.now() }),
    redactor,
    hostKind: 'test',
    version: '0.0.0-test',
  });
  runtime.api.subscribe((m) => pushed.push(m));
  await runtime.start();
  running = runtime;
  return { runtime, clock, dataDir, logLines, pushed };
}

describe('settings API', () => {
  it('settings.update saves a partial patch, pushes settings:updated, and app.info follows at once', async () => {
    const { runtime, dataDir, pushed } = await start();
    const saved = await runtime.api.call('settings.update', {
      displayTimezone: 'Europe/Berlin',
      budgets: { monthlyUsd: 25 },
    });
    expect(saved).toMatchObject({ displayTimezone: 'Europe/Berlin', budgets: { dailyUsd: null, monthlyUsd: 25 } });
    expect(pushed.filter((m) => m.event === 'settings:updated')).toEqual([
      { event: 'settings:updated', data: { settings: saved } },
    ]);
    expect((await runtime.api.call('app.info', {})).displayTimezone).toBe('Europe/Berlin');
    expect(await runtime.api.call('settings.get', {})).toEqual(saved);
    expect(JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8'))).toMatchObject({
      displayTimezone: 'Europe/Berlin',
    });
  });

  it('settings.update refuses invalid values with validation_failed and issues naming each field', async () => {
    const { runtime, pushed } = await start();
    const error = await appErrorOf(
      runtime.api.invoke('settings.update', { maxConcurrentRuns: 0, providers: { openai: { baseUrl: 'localhost' } } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([
      { path: 'maxConcurrentRuns', message: 'must be at least 1 run' },
      { path: 'providers.openai.baseUrl', message: 'must be a URL such as http://127.0.0.1:1234/v1' },
    ]);
    expect((await appErrorOf(runtime.api.invoke('settings.update', ['x']))).message).toMatch(
      /must be an object of settings fields/,
    );
    expect(pushed.some((m) => m.event === 'settings:updated')).toBe(false);
    expect((await runtime.api.call('settings.get', {})).maxConcurrentRuns).toBe(4);
  });
});

/** Fires whatever is due now, without letting fake time pass, until the condition holds. */
async function pumpUntil(clock: FakeClock, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    clock.advance(0);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}

describe('settings taking effect without a restart', () => {
  it("raising maxConcurrentRuns starts a waiting run at once, not at the queue's next 30 s check", async () => {
    const { runtime, clock } = await start();
    await runtime.api.call('settings.update', { maxConcurrentRuns: 1 });
    const steps = [{ id: 'hold', uses: 'wait', with: { ms: 60_000 } }];
    for (const title of ['First', 'Second']) {
      const task = await runtime.api.call('tasks.create', { title, pipeline: { steps } });
      await runtime.api.call('tasks.runNow', { id: task.id });
    }
    const queue = () => runtime.api.call('queue.status', {});
    await pumpUntil(clock, async () => (await queue()).running.length === 1);
    await pumpUntil(clock, async () => (await queue()).queued.length === 1);

    await runtime.api.call('settings.update', { maxConcurrentRuns: 2 });
    await pumpUntil(clock, async () => (await queue()).running.length === 2);
    expect((await queue()).queued).toEqual([]);
  });
});

describe('secrets API without a keychain', () => {
  it('secrets.list names every secret settings refer to, with where its value comes from', async () => {
    const { runtime } = await start({ ANTHROPIC_API_KEY: 'sk-ant-from-env-1234' });
    await runtime.api.call('settings.update', {
      mcpServers: [
        { name: 'github', command: 'github-mcp', args: [], env: {}, secretEnv: { GITHUB_TOKEN: 'gh_token' } },
      ],
    });
    expect(await runtime.api.call('secrets.list', {})).toEqual([
      { name: 'anthropic_api_key', source: 'env', usedBy: ['Anthropic provider'] },
      { name: 'openai_api_key', source: 'missing', usedBy: ['OpenAI provider'] },
      { name: 'groq_api_key', source: 'missing', usedBy: ['Groq provider'] },
      { name: 'gh_token', source: 'missing', usedBy: ['MCP server github (GITHUB_TOKEN)'] },
    ]);
  });

  it('secrets.set says which variable to set instead, and the value reaches no log line', async () => {
    const { runtime, logLines } = await start();
    const error = await appErrorOf(
      runtime.api.invoke('secrets.set', { name: 'anthropic_api_key', value: 'sk-ant-never-logged-5678' }),
    );
    expect(error.message).toMatch(/no OS keychain is available.*RIDGELINE_SECRET_ANTHROPIC_API_KEY/);
    expect(
      (await appErrorOf(runtime.api.invoke('secrets.set', { name: 'bad name', value: 'x' }))).details.issues,
    ).toEqual([{ path: 'name', message: 'must be letters, digits, _, - or . (at most 100 characters)' }]);
    expect(logLines.join('\n')).not.toContain('sk-ant-never-logged-5678');
  });
});
