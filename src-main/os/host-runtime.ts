// Builds the runtime with the adapters both hosts use: the system clock, the settings file,
// environment secrets, desktop notifications and file logging.
import { systemClock } from '../core/lib/clock';
import { createLogger, type Logger } from '../core/lib/logger';
import { Redactor } from '../core/lib/redact';
import type { Settings } from '../core/ports';
import { createRuntime, type Runtime } from '../core/runtime';
import { logDir } from './data-dir';
import { consoleSink, fileSink } from './log-file';
import { createDesktopNotifier } from './notifier';
import { createEnvSecretStore } from './secrets-env';
import { createFileSettings } from './settings-file';

export interface HostRuntimeOptions {
  hostKind: 'desktop' | 'headless';
  dataDir: string;
  version: string;
  sqliteNativeBinding?: string;
  onOwnershipLost?: () => void;
  logToConsole?: boolean;
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
  const settings = createFileSettings(options.dataDir);
  const runtime = createRuntime({
    dataDir: options.dataDir,
    clock: systemClock,
    notifier: createDesktopNotifier(logger),
    secrets: createEnvSecretStore(),
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
