// Composition root of the desktop host (Electron main): the runtime runs in this process; the board
// window, IPC binding and tray are wired to it in order. The rules themselves live in desktop/.
import { join } from 'node:path';
import { app, dialog, ipcMain, Notification as OsNotification, protocol } from 'electron';
import ElectronStore from 'electron-store';
import { createLogger, type Logger } from './core/lib/logger';
import { Redactor } from './core/lib/redact';
import { consoleSink } from './os/log-file';
import type { Runtime } from './core/runtime';
import { bindIpc } from './desktop/ipc';
import { hardenSession, hardenWebContents } from './desktop/harden';
import { stopOnQuit } from './desktop/quit';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, contentSecurityPolicy } from './desktop/security';
import { startupErrorMessage } from './desktop/startup-error';
import { createTray, type RidgelineTray } from './desktop/tray';
import { createBoard, type Board } from './desktop/windows';
import { electronPowerSource, watchPower } from './desktop/power';
import { createOsPowerSource } from './os/power-source';
import { createOsWakeScheduler } from './os/wake/os-wake-scheduler';
import { armWakeOnSuspend } from './desktop/wake';
import { desktopRole, type DesktopRole } from './desktop/host-mode';
import { askStatusNotifierWatcher, trayPlan } from './desktop/tray-support';
import { probeHost, remoteApi } from './desktop/remote-api';
import { APP_USER_MODEL_ID, runRoute } from './desktop/notification-routing';
import { createElectronNotifier, type ElectronNotifierOptions } from './desktop/notifier';
import { applyLaunchAtLogin, HIDDEN_FLAG, launchCommand } from './desktop/login-item';
import { APP_NAME, resolveDataDir } from './os/data-dir';
import type { Notification } from './core/ports';
import { createHostRuntime } from './host-runtime';
import { electronStoreOptions } from './os/settings-store';
import { systemClock } from './core/lib/clock';
import { resolvePort, startHostServer, type HostServer } from './server/host-server';

app.setName(APP_NAME);
// Windows shows a toast only for an app it can name: the installer registers this id with the
// Start menu shortcut, and the process must claim the same one before its first notification.
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
// Before ready: app:// must be a standard, secure scheme for the board to get a real origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

const dataDir = resolveDataDir(process.argv);
// Before the single-instance lock, which lives in userData: one desktop app per data directory.
app.setPath('userData', dataDir);
// Chromium's caches and storage go to a subfolder instead of beside ridgeline.db.
app.setPath('sessionData', join(dataDir, 'electron'));

// Bundled to out/main/index.js; the preload and renderer builds sit beside it.
const outDir = join(__dirname, '..');
const rendererDir = join(outDir, 'renderer');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(outDir, '..', 'resources');
// Packaged builds load the addon electron-builder rebuilt; `npm start` passes one built for Electron.
const sqliteBinding = app.isPackaged ? undefined : process.env.RIDGELINE_SQLITE_BINDING;
// Set by electron-vite dev for hot reload; never honoured in a packaged build.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
// Both change once, before the first window, when the app becomes a running host's client.
let appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
let csp = contentSecurityPolicy(devServerUrl ? appOrigin : undefined);

let quitting = false;
let board: Board | undefined;
let tray: RidgelineTray | undefined;
let unbindIpc: (() => void) | undefined;
let hostServer: HostServer | undefined;

/** Shows the board at one of its own routes (#/runs/<id>, #settings): a hash change, not a reload. */
function showBoardAt(route: string): void {
  if (!board) return;
  board.show();
  const [boardWindow] = board.windows();
  if (!boardWindow) return;
  const contents = boardWindow.webContents;
  const go = (): void => {
    contents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`).catch(() => undefined);
  };
  if (contents.isLoading()) contents.once('did-finish-load', go);
  else go();
}

const showRun = (runId: string): void => showBoardAt(runRoute(runId));

/** Keeps the OS's login item in step with settings.launchAtLogin, now and whenever it changes. */
function keepLoginItem(runtime: Runtime, launchAtLogin: boolean, logger: Logger): void {
  const target = {
    platform: process.platform,
    app,
    home: app.getPath('home'),
    env: process.env,
    command: launchCommand({
      packaged: app.isPackaged,
      execPath: process.execPath,
      appPath: app.getAppPath(),
      appImage: process.env.APPIMAGE,
    }),
  };
  const apply = (enabled: boolean): void => {
    try {
      logger.info('Launch at login updated', { enabled, change: applyLaunchAtLogin(enabled, target) });
    } catch (error) {
      logger.error('Could not update launch at login', { enabled, error: String(error) });
    }
  };
  let current = launchAtLogin;
  apply(current);
  runtime.api.subscribe((message) => {
    if (message.event !== 'settings:updated' || message.data.settings.launchAtLogin === current) return;
    current = message.data.settings.launchAtLogin;
    apply(current);
  });
}

function failStart(error: unknown, logger: Logger | undefined): void {
  const message = startupErrorMessage(error, { packaged: app.isPackaged, sqliteBinding });
  logger?.error('Desktop host could not start', { error: error instanceof Error ? error.stack : String(error) });
  dialog.showErrorBox('Ridgeline cannot start', message);
  app.exit(1);
}

/** The same HTTP API and /mcp as the headless host, so the CLI and MCP clients reach the app too. */
async function serveLoopback(host: ReturnType<typeof createHostRuntime>): Promise<void> {
  try {
    hostServer = await startHostServer({
      api: host.runtime.api,
      dataDir,
      port: resolvePort(process.argv),
      staticRoot: rendererDir,
      logger: host.logger,
      redactor: host.redactor,
      version: app.getVersion(),
      now: systemClock.now,
      anyPortWhenTaken: true,
    });
  } catch (error) {
    // The tray and board work without it; the log says why the CLI cannot connect.
    host.logger.error('Loopback API could not start', { error: String(error) });
  }
}

/**
 * The tray, or on a Linux desktop that shows no tray icons, the board kept open and a notification
 * saying so: a tray nobody can see would leave Ridgeline running with no way in.
 */
function trayOrFallback(create: () => RidgelineTray, logger: Logger): RidgelineTray | undefined {
  const plan = trayPlan(process.platform, process.platform === 'linux' ? askStatusNotifierWatcher() : undefined);
  if (plan.tray) return create();
  logger.warn('This desktop shows no tray icons; the board stays open instead');
  board?.show();
  new OsNotification({ title: plan.notice.title, body: plan.notice.body }).show();
  return undefined;
}

/** The client writes to stderr only: logs/ridgeline.log belongs to the host, which rotates it. */
function createClientLogger(): Logger {
  return createLogger({
    sinks: [consoleSink],
    redactor: new Redactor(),
    now: systemClock.now,
    fields: { host: 'desktop-client' },
  });
}

/**
 * A host already serves the data directory (the background service): the board shows its page
 * and the tray reads its API; no second runtime starts. Quitting leaves the service running.
 */
function startAsClient(role: Extract<DesktopRole, { kind: 'client' }>, logger: Logger): void {
  const api = remoteApi(dataDir, logger);
  board = createBoard({
    entryUrl: role.boardUrl,
    preloadPath: join(outDir, 'preload', 'index.js'),
    iconPath: join(resourcesDir, 'icons', '512x512.png'),
    isQuitting: () => quitting,
    logger,
  });
  const showBoard = (): void => board?.show();
  tray = trayOrFallback(
    () =>
      createTray({
        api,
        resourcesDir,
        logger,
        actions: {
          openBoard: showBoard,
          openRun: showRun,
          openSettings: () => showBoardAt('#settings'),
          quit: () => app.quit(),
        },
      }),
    logger,
  );
  app.on('before-quit', () => {
    quitting = true;
    tray?.destroy();
    api.close();
  });
  app.on('activate', showBoard);
  showBoard();
  logger.info('Desktop app is a client of the running host', { url: role.hostUrl, pid: role.pid });
}

async function start(): Promise<void> {
  await app.whenReady();
  const role = desktopRole(await probeHost(dataDir));
  if (role.kind === 'client') {
    appOrigin = new URL(role.hostUrl).origin;
    csp = contentSecurityPolicy(appOrigin);
  }
  hardenSession({ csp, rendererDir });
  if (role.kind === 'client') {
    startAsClient(role, createClientLogger());
    return;
  }

  let host: ReturnType<typeof createHostRuntime> | undefined;
  // Only filled for test/e2e/electron (RIDGELINE_E2E): the notifications handed to the OS.
  const shown: Notification[] = [];
  const shownByElectron: Parameters<NonNullable<ElectronNotifierOptions['onShown']>>[0][] = [];
  const e2e = process.env.RIDGELINE_E2E === '1';
  try {
    host = createHostRuntime({
      hostKind: 'desktop',
      dataDir,
      version: app.getVersion(),
      sqliteNativeBinding: sqliteBinding,
      // electron-store and the headless host's conf open the same <dataDir>/config.json.
      openSettingsFile: () => {
        const store = new ElectronStore<Record<string, unknown>>(electronStoreOptions(dataDir));
        // electron-store answers its renderer-side helper on this channel without checking the
        // sender; the board never uses electron-store, so the channel is closed.
        ipcMain.removeAllListeners('electron-store-get-data');
        return store;
      },
      // Electron's own notifications: a click opens the run in the board, buttons decide approvals.
      createNotifier: ({ logger, onApprovalAction }) =>
        createElectronNotifier({
          logger,
          resourcesDir,
          onApprovalAction,
          openBoard: (route) => (route ? showBoardAt(route) : board?.show()),
          ...(e2e ? { onShown: (entry) => void shownByElectron.push(entry) } : {}),
        }),
      ...(e2e ? { onNotificationShown: (n: Notification) => void shown.push(n) } : {}),
      power: electronPowerSource(createOsPowerSource()),
      wake: createOsWakeScheduler(),
      onOwnershipLost: () => {
        dialog.showErrorBox('Ridgeline stopped', `Another Ridgeline process took over ${dataDir}, so this one quits.`);
        app.quit();
      },
    });
    await host.runtime.start();
  } catch (error) {
    failStart(error, host?.logger);
    return;
  }
  const { runtime, logger, settings } = host;
  stopOnQuit(runtime, logger, () => {
    quitting = true;
    tray?.destroy();
    unbindIpc?.();
    return hostServer?.close();
  });
  await serveLoopback(host);
  keepLoginItem(runtime, settings.get().launchAtLogin, logger);

  board = createBoard({
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    preloadPath: join(outDir, 'preload', 'index.js'),
    iconPath: join(resourcesDir, 'icons', '512x512.png'),
    isQuitting: () => quitting,
    logger,
  });
  const showBoard = (): void => board?.show();
  unbindIpc = bindIpc({ runtime, appOrigin, logger, appWindows: () => board?.windows() ?? [] });
  tray = trayOrFallback(
    () =>
      createTray({
        api: runtime.api,
        resourcesDir,
        logger,
        actions: {
          openBoard: showBoard,
          openRun: showRun,
          openSettings: () => showBoardAt('#settings'),
          quit: () => app.quit(),
        },
      }),
    logger,
  );
  watchPower(runtime, logger, () => app.quit());
  armWakeOnSuspend(runtime, logger);
  app.on('activate', showBoard);
  // Started at login, Ridgeline waits in the tray; any other start opens the board.
  const openedAtLogin =
    process.argv.includes(HIDDEN_FLAG) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!openedAtLogin) showBoard();
  logger.info('Desktop host ready', { dataDir, packaged: app.isPackaged });

  if (e2e) {
    // Only for test/e2e/electron: lets the test ask the main process what the tray and the
    // notifications show, and click a notification or press one of its buttons as a user would.
    Object.assign(globalThis, {
      __ridgelineE2E: {
        tray: () => tray?.describe(),
        notifications: () => shown,
        electronNotifications: () =>
          shownByElectron.map(({ plan, notification }) => ({
            ...plan.options,
            clickRoute: plan.clickRoute,
            appName: app.getName(),
            shownTitle: notification.title,
          })),
        clickNotification: (index: number) => shownByElectron[index]?.notification.emit('click'),
        pressNotificationAction: (index: number, actionIndex: number) =>
          shownByElectron[index]?.notification.emit('action', { actionIndex }, actionIndex),
      },
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  // The first instance gets 'second-instance' and brings its board forward.
  app.quit();
} else {
  app.on('second-instance', () => board?.show());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  // Closing the board only hides it; Ridgeline keeps running in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  start().catch((error: unknown) => failStart(error, undefined));
}
