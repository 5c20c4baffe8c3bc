// The desktop app end to end through Playwright's _electron: the built main process (npm run build
// first) with a real runtime on a temp data directory, the board window, the tray and a second
// launch. Needs the Electron binary and, on Linux, a display (xvfb-run).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronPackageDir, findElectronBinary } from '../../../src-main/cli/launcher/electron-binary';
import { ensureSqliteAddon } from '../../../src-main/cli/launcher/sqlite-addon';
import type { RidgelineTray } from '../../../src-main/desktop/tray';
import { card, createTask } from '../web/board-page';

const root = resolve(__dirname, '../../..');
const binary = findElectronBinary(electronPackageDir(root));

const skipReason =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no access to its download host): desktop end-to-end tests need it';
test.skip(!binary.available, skipReason);
// One app at a time: each launch is a whole Electron, and the addon build below is shared.
test.describe.configure({ mode: 'default' });

interface E2EHooks {
  __ridgelineE2E: {
    tray(): ReturnType<RidgelineTray['describe']> | undefined;
    notifications(): Array<{ title: string; body: string; runId?: string }>;
    electronNotifications(): Array<{
      title: string;
      body: string;
      icon?: string;
      actions?: Array<{ type: string; text: string }>;
      clickRoute?: string;
      appName: string;
      shownTitle: string;
    }>;
    clickNotification(index: number): void;
    pressNotificationAction(index: number, actionIndex: number): void;
  };
}

interface Bridge {
  ridgeline: { invoke(name: string, input: unknown): Promise<unknown> };
}

let sqliteBinding = '';
const dataDirs: string[] = [];

test.beforeAll(() => {
  if (!binary.available) return;
  // A cold compile of better-sqlite3 takes about a minute.
  test.setTimeout(300_000);
  sqliteBinding = ensureSqliteAddon({ root, electronVersion: binary.version });
});

test.afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ridgeline-desktop-'));
  dataDirs.push(dir);
  return dir;
}

function appEnv(dataDir: string): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  delete env.ELECTRON_RUN_AS_NODE;
  return { ...env, RIDGELINE_DATA_DIR: dataDir, RIDGELINE_SQLITE_BINDING: sqliteBinding, RIDGELINE_E2E: '1' };
}

// Chromium refuses to start its sandbox as root (CI containers); the sandbox: true web preference
// still applies to the renderer either way.
const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page; problems: string[] }> {
  if (!binary.available) throw new Error('unreachable: the suite is skipped without the Electron binary');
  const app = await electron.launch({
    executablePath: binary.executable,
    args: [...chromiumArgs, root],
    env: appEnv(dataDir),
  });
  const page = await app.firstWindow();
  // A script error or a CSP violation is a bug even when the test's assertions pass.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) problems.push(`CSP: ${message.text()}`);
  });
  await expect(page.getByRole('heading', { name: 'Ridgeline', level: 1 })).toBeVisible();
  await expect(page.getByText('Loading tasks…')).toHaveCount(0);
  return { app, page, problems };
}

const trayNow = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as unknown as E2EHooks).__ridgelineE2E.tray());

const visibleWindows = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length);

test('opens the board in a locked-down window with a tray offering Open board and Quit', async () => {
  const { app, page, problems } = await launch(newDataDir());
  try {
    expect(page.url()).toBe('app://ridgeline/index.html');
    expect(await page.evaluate('Object.keys(window.ridgeline).sort()')).toEqual(['invoke', 'on']);
    expect(await page.evaluate('[typeof require, typeof process]')).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate("fetch('/index.html').then((r) => r.headers.get('content-security-policy'))")).toContain(
      "default-src 'none'",
    );

    // file: links are neither followed nor handed to the OS.
    await page.evaluate("location.href = 'file:///etc/hostname'");
    expect(await page.evaluate("window.open('file:///etc/hostname')")).toBeNull();
    await expect(page.getByRole('heading', { name: 'Ridgeline', level: 1 })).toBeVisible();
    expect(page.url()).toBe('app://ridgeline/index.html');

    expect(await trayNow(app)).toEqual({
      icon: 'idle',
      tooltip: 'Ridgeline: No tasks yet',
      labels: ['No tasks yet', 'Pause scheduler', 'Open board', 'Settings…', 'Quit Ridgeline'],
    });
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});

test('closing the board keeps Ridgeline in the tray, and a second launch brings the board back', async () => {
  const dataDir = newDataDir();
  const { app } = await launch(dataDir);
  try {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect.poll(() => visibleWindows(app)).toBe(0);
    expect((await trayNow(app))?.labels).toContain('Open board');

    if (!binary.available) throw new Error('unreachable');
    const second = spawn(binary.executable, [...chromiumArgs, root], { env: appEnv(dataDir), stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((done) => second.on('exit', done));
    expect(exitCode).toBe(0);
    await expect.poll(() => visibleWindows(app)).toBe(1);
  } finally {
    await app.close();
  }
});

test('a task created in the board is still there after quitting and launching again', async () => {
  test.setTimeout(90_000);
  const dataDir = newDataDir();
  const title = 'Summarise overnight alerts';

  const first = await launch(dataDir);
  try {
    await createTask(first.page, { title });
    await expect(card(first.page, title)).toBeVisible();
    await expect.poll(async () => (await trayNow(first.app))?.labels).toContain(title);
    expect(first.problems).toEqual([]);
  } finally {
    await first.app.close();
  }

  const second = await launch(dataDir);
  try {
    await expect(card(second.page, title)).toBeVisible();
  } finally {
    await second.app.close();
  }
});

test('a task run from the board sends its notification, and the tray lists the run', async () => {
  test.setTimeout(90_000);
  const { app, page, problems } = await launch(newDataDir());
  try {
    const title = 'Tell me when done';
    await page.evaluate((input) => (globalThis as unknown as Bridge).ridgeline.invoke('tasks.create', input), {
      title,
      pipeline: {
        steps: [{ id: 'tell', uses: 'notify.send', with: { title: 'Alerts summarised', body: 'All quiet' } }],
      },
    });
    await card(page, title).click();
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByTestId('run-row').getByTestId('run-status')).toHaveText('Succeeded', { timeout: 20_000 });
    await expect
      .poll(async () => app.evaluate(() => (globalThis as unknown as E2EHooks).__ridgelineE2E.notifications()))
      .toEqual([expect.objectContaining({ title: 'Alerts summarised', body: 'All quiet' })]);
    await expect.poll(async () => (await trayNow(app))?.labels.join('\n')).toContain(title);
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});

const electronNotifications = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as unknown as E2EHooks).__ridgelineE2E.electronNotifications());

test("notifications go through Electron's own Notification, and a click opens the run in the board", async () => {
  test.setTimeout(90_000);
  const { app, page, problems } = await launch(newDataDir());
  try {
    const task = (await page.evaluate(
      (input) => (globalThis as unknown as Bridge).ridgeline.invoke('tasks.create', input),
      {
        title: 'Ping me',
        pipeline: { steps: [{ id: 'tell', uses: 'notify.send', with: { title: 'Ping', body: 'From the pipeline' } }] },
      },
    )) as { id: string };
    const run = (await page.evaluate(
      (id) => (globalThis as unknown as Bridge).ridgeline.invoke('tasks.runNow', { id }),
      task.id,
    )) as { id: string };
    await expect
      .poll(() => electronNotifications(app), { timeout: 20_000 })
      .toEqual([
        expect.objectContaining({ title: 'Ping', body: 'From the pipeline', shownTitle: 'Ping', appName: 'Ridgeline' }),
      ]);
    const [shown] = await electronNotifications(app);
    if (process.platform !== 'darwin') expect(shown?.icon).toBe(join(root, 'resources', 'icons', '256x256.png'));
    expect(shown?.clickRoute).toBe(`#/runs/${run.id}`);

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    await app.evaluate(() => (globalThis as unknown as E2EHooks).__ridgelineE2E.clickNotification(0));
    await expect.poll(() => visibleWindows(app)).toBe(1);
    await expect.poll(() => page.url()).toBe(`app://ridgeline/index.html#/runs/${run.id}`);
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});

test("an approval's notification offers Approve and Reject where the OS shows buttons, and Approve resumes the run", async () => {
  test.skip(process.platform === 'linux', 'Linux notification servers show no buttons; the plan has none there');
  test.setTimeout(90_000);
  const { app, page } = await launch(newDataDir());
  try {
    const invoke = (name: string, input: unknown) =>
      page.evaluate(([n, i]) => (globalThis as unknown as Bridge).ridgeline.invoke(n as string, i), [name, input]);
    const task = (await invoke('tasks.create', {
      title: 'Ask first',
      pipeline: { steps: [{ id: 'ask', uses: 'approval.request', with: { question: 'Go ahead?' } }] },
    })) as { id: string };
    const run = (await invoke('tasks.runNow', { id: task.id })) as { id: string };
    await expect
      .poll(async () => (await electronNotifications(app)).findIndex((n) => n.actions?.length === 2), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(0);
    const notifications = await electronNotifications(app);
    const index = notifications.findIndex((n) => n.actions?.length === 2);
    expect(notifications[index]?.actions?.map((a) => a.text)).toEqual(['Approve', 'Reject']);

    await app.evaluate(
      (_electron, i) => (globalThis as unknown as E2EHooks).__ridgelineE2E.pressNotificationAction(i, 0),
      index,
    );
    await expect
      .poll(async () => ((await invoke('runs.get', { id: run.id })) as { run: { status: string } }).run.status, {
        timeout: 20_000,
      })
      .toBe('succeeded');
  } finally {
    await app.close();
  }
});
