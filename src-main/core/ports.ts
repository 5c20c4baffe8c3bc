// What the runtime needs from the outside world. Hosts pass implementations at construction;
// nothing in core reaches for the OS, Electron or the real clock on its own.
export type { Clock } from './lib/clock';
export type { Logger } from './lib/logger';
import type { NotificationKind, SettingsValues } from './settings/schema';

export interface Notification {
  /** What happened: settings and a task's policy decide, per kind, whether it is shown. */
  kind?: NotificationKind;
  title: string;
  body: string;
  /** The run or task the notification is about; clicking it opens that in the board. */
  runId?: string;
  taskId?: string;
  /** The pending approval the notification asks about: where the OS supports actions, it offers Approve and Reject. */
  approvalId?: string;
}

/** Whether notifications can be shown at all; when not, why in words (no notification server, ...). */
export type NotifierStatus = { available: true } | { available: false; reason: string };

export interface Notifier {
  notify(notification: Notification): Promise<void>;
  /** Checks that the OS can show a notification now; a notifier that cannot tell leaves it out. */
  status?(): Promise<NotifierStatus>;
}

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /**
   * Every secret value the store can find without being asked for a name (environment variables
   * that hold credentials, the keychain's entries), so they are masked before any step runs.
   */
  values?(): Promise<string[]>;
}

export type { SettingsValues } from './settings/schema';

export interface Settings {
  get(): SettingsValues;
  /** Validates and saves; an invalid value is refused (validation_failed) with its field named. */
  update(patch: Partial<SettingsValues>): SettingsValues;
}

export type { HostKind } from './model/types';

/**
 * The machine's power and idle state, for tasks that run only on AC power, only when the user is
 * idle, or not on a low battery. Each reading is undefined where the host cannot tell.
 */
export interface PowerSource {
  onAcPower(): boolean | undefined;
  batteryPercent(): number | undefined;
  idleSeconds(): number | undefined;
}

/** How this host can wake the computer from sleep, in words a person can act on. */
export interface WakeCapability {
  available: boolean;
  /** How a wake is set when available ("pmset through sudo", "the RTC wake alarm file"); null when not. */
  method: string | null;
  /** Why a wake cannot be set, when it cannot. */
  reason: string | null;
  /** What the user can do to allow it, when it cannot. */
  remedy: string | null;
}

/**
 * Asks the OS to wake the computer from sleep at an instant. Ridgeline keeps at most one such wake:
 * arming again replaces the previous one.
 */
export interface WakeScheduler {
  capability(): Promise<WakeCapability>;
  /** Sets the computer to wake at `at` (ms since the epoch); rejects with the OS's reason when it cannot. */
  arm(at: number): Promise<void>;
  /** Removes the wake this scheduler set, if any. */
  cancel(): Promise<void>;
}
