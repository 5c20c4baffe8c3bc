// Desktop notifications through node-notifier (Notification Center, Windows toasts, libnotify's
// notify-send), used by both hosts. Where the OS reports clicks (macOS, Windows) the notification
// waits for one and hands its run to `onClick`, which the desktop host uses to open that run in
// the board. A notification that cannot be shown is logged, never thrown: a run must not fail for it.
import type { Logger } from '../core/lib/logger';
import type { Notification, Notifier, NotifierStatus } from '../core/ports';
import { findOnPath } from '../core/tools/program-path';

export const APP_NAME = 'Ridgeline';

/** What a click on a notification opens. */
export interface NotificationTarget {
  runId?: string;
  taskId?: string;
}

/** What the user chose from a notification's Approve / Reject buttons. */
export interface ApprovalAction {
  approvalId: string;
  decision: 'approve' | 'reject';
}

export interface DesktopNotifierOptions {
  /** Called when the user clicks a notification that is about a run or a task. */
  onClick?: (target: NotificationTarget) => void;
  /** Called when the user approves or rejects from the notification itself (macOS, Windows). */
  onApprovalAction?: (action: ApprovalAction) => void;
  /** The platform to word the options for; the running one unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

/** The fields node-notifier reads, across its backends. */
export interface NodeNotifierOptions {
  title: string;
  message: string;
  wait: boolean;
  /** notify-send's --app-name: the sender a Linux notification server shows. */
  'app-name'?: string;
  /** Buttons (Notification Center, Windows toasts), and how long the notification waits for one, in s. */
  actions?: string[];
  timeout?: number;
}

export const APPROVE_LABEL = 'Approve';
export const REJECT_LABEL = 'Reject';
/** An approval notification stays up for an hour: long enough to answer it from there. */
const ACTION_TIMEOUT_S = 3600;

/** Only Notification Center and Windows toasts report a click; notify-send cannot. */
export function reportsClicks(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

const readsEscapes = (platform: NodeJS.Platform): boolean =>
  platform === 'linux' || platform === 'freebsd' || platform === 'openbsd';

// notify-send takes the title and body as its first arguments: one starting with "-" would be
// read as an option. A newline would reach its title as a literal "\n": texts are one line.
function asArgument(text: string): string {
  const line = text.replace(/\s*\r?\n\s*/g, ' ').trim();
  return line.startsWith('-') ? ` ${line}` : line;
}

export function nodeNotifierOptions(n: Notification, platform: NodeJS.Platform): NodeNotifierOptions {
  const clickable = reportsClicks(platform) && Boolean(n.runId || n.taskId);
  const body = asArgument(n.body) || ' ';
  if (reportsClicks(platform) && n.approvalId) {
    return {
      title: asArgument(n.title),
      message: body,
      wait: true,
      actions: [APPROVE_LABEL, REJECT_LABEL],
      timeout: ACTION_TIMEOUT_S,
    };
  }
  if (!readsEscapes(platform)) return { title: asArgument(n.title), message: body, wait: clickable };
  // notify-send reads C escapes in the body ("\\" -> "\"): a backslash must arrive doubled.
  return { title: asArgument(n.title), message: body.replace(/\\/g, '\\\\'), wait: clickable, 'app-name': APP_NAME };
}

/** node-notifier reports a click as the response "activate" (older backends: "clicked"). */
export function wasClicked(response: unknown, metadata: unknown): boolean {
  const activation =
    typeof metadata === 'object' && metadata !== null ? (metadata as { activationType?: unknown }).activationType : '';
  if (activation === 'timeout' || activation === 'closed') return false;
  return (
    response === 'activate' || response === 'clicked' || activation === 'contentsClicked' || activation === 'clicked'
  );
}

/**
 * The button the user pressed, if any: Notification Center reports it as activationValue with
 * activationType "actionClicked"; Windows toasts as the response (the label, lower-cased).
 */
export function chosenAction(response: unknown, metadata: unknown): 'approve' | 'reject' | undefined {
  const m = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  const value = m.activationType === 'actionClicked' ? m.activationValue : response;
  if (typeof value !== 'string') return undefined;
  const label = value.trim().toLowerCase();
  if (label === APPROVE_LABEL.toLowerCase()) return 'approve';
  if (label === REJECT_LABEL.toLowerCase()) return 'reject';
  return undefined;
}

/**
 * Whether this host can show a notification. Notification Center and Windows toasts are driven by
 * helpers node-notifier bundles; elsewhere notify-send must be on PATH and a session bus must be
 * there for it to reach the notification server (a headless box or a service has neither).
 */
export function notifierStatus(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): NotifierStatus {
  if (!readsEscapes(platform)) return { available: true };
  if (!findOnPath('notify-send', env, platform)) {
    return { available: false, reason: 'notify-send is not on PATH (install libnotify-bin or libnotify)' };
  }
  if (!env.DBUS_SESSION_BUS_ADDRESS) {
    return {
      available: false,
      reason: 'no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no notification server can be reached',
    };
  }
  return { available: true };
}

export function createDesktopNotifier(logger: Logger, options: DesktopNotifierOptions = {}): Notifier {
  const platform = options.platform ?? process.platform;
  return {
    status: async () => notifierStatus(platform, process.env),
    notify: async (n) => {
      // node-notifier (and semver, which it brings) loads with the first notification shown.
      const loaded = await import('node-notifier').catch((error: unknown) => {
        logger.warn('Notification could not be shown', { title: n.title, error: String(error) });
      });
      if (!loaded) return;
      const nodeNotifier = loaded.default;
      return new Promise((resolve) => {
        const args = nodeNotifierOptions(n, platform);
        const target: NotificationTarget = {
          ...(n.runId ? { runId: n.runId } : {}),
          ...(n.taskId ? { taskId: n.taskId } : {}),
        };
        nodeNotifier.notify(args, (error, response, metadata) => {
          const action = args.actions && n.approvalId ? chosenAction(response, metadata) : undefined;
          if (error) logger.warn('Notification could not be shown', { title: n.title, error: error.message });
          else if (action && options.onApprovalAction) {
            options.onApprovalAction({ approvalId: n.approvalId!, decision: action });
          } else if (args.wait && options.onClick && wasClicked(response, metadata)) options.onClick(target);
          resolve();
        });
        // A waiting notification calls back only once the user acts or it times out: the caller
        // does not wait for that.
        if (args.wait) resolve();
      });
    },
  };
}
