// Builds the runtime with the adapters both hosts use: the system clock, the settings file,
// keychain secrets with the environment as fallback, desktop notifications and file logging.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from './core/lib/clock';
import { createLogger, type Logger } from './core/lib/logger';
import { Redactor } from './core/lib/redact';
import type { Notifier, PowerSource, Settings, WakeScheduler } from './core/ports';
import { createRuntime, type Runtime } from './core/runtime';
import { checkExistingDatabase, prepareDataDir } from './core/db/data-dir';
import { DATABASE_FILE } from './core/db/open';
import { garbageCollector } from './os/collector';
import { logDir } from './os/data-dir';
import { consoleSink, fileSink } from './os/log-file';
import type { Notification } from './core/ports';
import { createDesktopNotifier, type ApprovalAction, type NotificationTarget } from './os/notifier';
import { createKeychain } from './os/secrets-keychain';
import { createHostSecretStore } from './os/secrets-store';
import { createFileSettings } from './os/settings-file';
import { createStoreSettings, SETTINGS_FILE, type ConfigFile } from './os/settings-store';

export interface HostRuntimeOptions {
  hostKind: 'desktop' | 'headless';
  dataDir: string;
  version: string;
  sqliteNativeBinding?: string;
  onOwnershipLost?: () => void;
  /** The user clicked a notification about a run or task (where the OS reports clicks). */
  onNotificationClick?: (target: NotificationTarget) => void;
  /** Told of every notification handed to the OS (the desktop end-to-end tests record them). */
  onNotificationShown?: (notification: Notification) => void;
  /**
   * The host's own last notification adapter (the desktop host's Electron notifications); node-notifier
   * when absent. It hands Approve / Reject pressed on a notification to `onApprovalAction`.
   */
  createNotifier?: (hooks: { logger: Logger; onApprovalAction: (action: ApprovalAction) => void }) => Notifier;
  logToConsole?: boolean;
  /** Opens <dataDir>/config.json with the host's own store (electron-store); conf when absent. */
  openSettingsFile?: () => ConfigFile;
  /** Power and idle state for tasks with run conditions (AC power, idle, battery). */
  power?: PowerSource;
  /** Wakes the computer from sleep for tasks that ask for it. */
  wake?: WakeScheduler;
  /**
   * The host checked the database at once and runs its full damage check in the background
   * (checkDatabaseAtStart); without it the check runs here, before anything else opens.
   */
  databaseHealth?: Promise<void>;
}

export function createHostRuntime(options: HostRuntimeOptions): {
  runtime: Runtime;
  logger: Logger;
  settings: Settings;
  redactor: Redactor;
} {
  // Before the settings file and the log are opened, so a file in the directory's place or a
  // directory that cannot be made is reported as such, not as a failure to read config.json.
  prepareDataDir(options.dataDir);
  if (!options.databaseHealth) {
    checkExistingDatabase(options.dataDir, join(options.dataDir, DATABASE_FILE), options.sqliteNativeBinding);
  }
  const redactor = new Redactor();
  const logger = createLogger({
    sinks: [fileSink(logDir(options.dataDir)), ...(options.logToConsole ? [consoleSink] : [])],
    redactor,
    now: systemClock.now,
    fields: { host: options.hostKind },
  });
  const settings = options.openSettingsFile
    ? createStoreSettings(join(options.dataDir, SETTINGS_FILE), options.openSettingsFile)
    : createFileSettings(options.dataDir);
  // Approve / Reject pressed on an approval's notification (where the OS offers buttons).
  const onApprovalAction = ({ approvalId, decision }: ApprovalAction): void => {
    runtime.api
      .call('approvals.decide', { id: approvalId, decision, note: 'Decided from the notification' })
      .catch((error: unknown) =>
        logger.warn('A decision from a notification was refused', { approvalId, error: String(error) }),
      );
  };
  const desktopNotifier = options.createNotifier
    ? options.createNotifier({ logger, onApprovalAction })
    : createDesktopNotifier(logger, {
        ...(options.onNotificationClick ? { onClick: options.onNotificationClick } : {}),
        onApprovalAction,
      });
  const shown = options.onNotificationShown;
  const runtime = createRuntime({
    dataDir: options.dataDir,
    clock: systemClock,
    notifier: shown
      ? {
          notify: (notification) => {
            shown(notification);
            return desktopNotifier.notify(notification);
          },
        }
      : desktopNotifier,
    secrets: createHostSecretStore(createKeychain()),
    settings,
    logger,
    redactor,
    hostKind: options.hostKind,
    version: options.version,
    ...(options.databaseHealth ? { databaseHealth: options.databaseHealth } : { databaseChecked: true }),
    ...(options.sqliteNativeBinding ? { sqliteNativeBinding: options.sqliteNativeBinding } : {}),
    ...(options.onOwnershipLost ? { onOwnershipLost: options.onOwnershipLost } : {}),
    ...(options.power ? { power: options.power } : {}),
    clientConfigDirs: { home: homedir(), ...(process.env.APPDATA ? { appData: process.env.APPDATA } : {}) },
    ...(options.wake ? { wake: options.wake } : {}),
    collectYoungGeneration: () => garbageCollector()({ type: 'minor' }),
  });
  return { runtime, logger, settings, redactor };
}
