// Composition root of the desktop host (Electron main): the runtime runs in this process; the board
// window, IPC binding and tray are wired to it in order. The rules themselves live in desktop/.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, ipcMain, net, protocol, session, shell, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import type { Logger } from './core/lib/logger';
import type { Runtime } from './core/runtime';
import { bindIpc } from './desktop/ipc';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  isAppUrl,
  isExternalLink,
  resolveAppAsset,
} from './desktop/security';
import { startupErrorMessage } from './desktop/startup-error';
import { createTray, type RidgelineTray } from './desktop/tray';
import { createBoard, type Board } from './desktop/windows';
import { watchPower } from './desktop/power';
import { APP_USER_MODEL_ID, runRoute } from './desktop/notification-routing';
import { createElectronNotifier, type ElectronNotifierOptions } from './desktop/notifier';
import { applyLaunchAtLogin, HIDDEN_FLAG, launchCommand } from './desktop/login-item';
import { APP_NAME, resolveDataDir } from './os/data-dir';
import type { Notification } from './core/ports';
import { createHostRuntime } from './os/host-runtime';
import { electronStoreOptions } from './os/settings-store';

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
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
const csp = contentSecurityPolicy(devServerUrl ? appOrigin : undefined);

let quitting = false;
let board: Board | undefined;
let tray: RidgelineTray | undefined;
let unbindIpc: (() => void) | undefined;

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

function openExternally(url: string): void {
  if (isExternalLink(url)) void shell.openExternal(url);
}

/** Applied to every webContents, including any a bug or a dependency might create. */
function hardenWebContents(contents: WebContents): void {
  const denyForeign = (event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    openExternally(event.url);
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The header covers the dev server; app:// responses below carry it too, since custom protocol
  // responses do not all pass through webRequest.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', csp);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** Past this, a quit goes ahead even if a run would not stop; the next start recovers its lease. */
const STOP_TIME_LIMIT_MS = 20_000;

function stopOnQuit(runtime: Runtime, logger: Logger): void {
  let stopping = false;
  app.on('before-quit', (event) => {
    quitting = true;
    // Hold the quit until runs in flight are checkpointed and re-queued as interrupted, the data
    // directory is released and the database closed; then exit without a second round of events.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    tray?.destroy();
    unbindIpc?.();
    const limit = setTimeout(() => {
      logger.error('Runtime did not stop in time; exiting anyway', { limitMs: STOP_TIME_LIMIT_MS });
      app.exit(1);
    }, STOP_TIME_LIMIT_MS);
    runtime
      .stop()
      .then(
        () => app.exit(0),
        (error: unknown) => {
          logger.error('Runtime did not stop cleanly', { error: String(error) });
          app.exit(1);
        },
      )
      .finally(() => clearTimeout(limit));
  });
}

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

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();

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
  stopOnQuit(runtime, logger);
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
  tray = createTray({
    runtime,
    resourcesDir,
    logger,
    actions: {
      openBoard: showBoard,
      openRun: showRun,
      openSettings: () => showBoardAt('#settings'),
      quit: () => app.quit(),
    },
  });
  watchPower(runtime, logger, () => app.quit());
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
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // Closing the board only hides it; Ridgeline keeps running in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  start().catch((error: unknown) => failStart(error, undefined));
}
