// Builds the runtime with the adapters both hosts use: the system clock, the settings file,
// keychain secrets with the environment as fallback, desktop notifications and file logging.
import { join } from 'node:path';
import { systemClock } from './core/lib/clock';
import { createLogger, type Logger } from './core/lib/logger';
import { Redactor } from './core/lib/redact';
import type { Settings } from './core/ports';
import { createRuntime, type Runtime } from './core/runtime';
import { logDir } from './os/data-dir';
import { consoleSink, fileSink } from './os/log-file';
import type { Notification } from './core/ports';
import { createDesktopNotifier, type NotificationTarget } from './os/notifier';
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
  logToConsole?: boolean;
  /** Opens <dataDir>/config.json with the host's own store (electron-store); conf when absent. */
  openSettingsFile?: () => ConfigFile;
}

export function createHostRuntime(options: HostRuntimeOptions): {
  runtime: Runtime;
  logger: Logger;
  settings: Settings;
  redactor: Redactor;
} {
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
  const desktopNotifier = createDesktopNotifier(logger, {
    ...(options.onNotificationClick ? { onClick: options.onNotificationClick } : {}),
    // Approve / Reject pressed on an approval's notification (where the OS offers buttons).
    onApprovalAction: ({ approvalId, decision }) => {
      runtime.api
        .call('approvals.decide', { id: approvalId, decision, note: 'Decided from the notification' })
        .catch((error: unknown) =>
          logger.warn('A decision from a notification was refused', { approvalId, error: String(error) }),
        );
    },
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
    ...(options.sqliteNativeBinding ? { sqliteNativeBinding: options.sqliteNativeBinding } : {}),
    ...(options.onOwnershipLost ? { onOwnershipLost: options.onOwnershipLost } : {}),
  });
  return { runtime, logger, settings, redactor };
}
