// Desktop notifications through node-notifier (Notification Center, Windows toasts, libnotify's
// notify-send), used by both hosts. Where the OS reports clicks (macOS, Windows) the notification
// waits for one and hands its run to `onClick`, which the desktop host uses to open that run in
// the board. A notification that cannot be shown is logged, never thrown: a run must not fail for it.
import nodeNotifier from 'node-notifier';
import type { Logger } from '../core/lib/logger';
import type { Notification, Notifier } from '../core/ports';

export const APP_NAME = 'Ridgeline';

/** What a click on a notification opens. */
export interface NotificationTarget {
  runId?: string;
  taskId?: string;
}

export interface DesktopNotifierOptions {
  /** Called when the user clicks a notification that is about a run or a task. */
  onClick?: (target: NotificationTarget) => void;
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
}

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

export function createDesktopNotifier(logger: Logger, options: DesktopNotifierOptions = {}): Notifier {
  const platform = options.platform ?? process.platform;
  return {
    notify: (n) =>
      new Promise((resolve) => {
        const args = nodeNotifierOptions(n, platform);
        const target: NotificationTarget = {
          ...(n.runId ? { runId: n.runId } : {}),
          ...(n.taskId ? { taskId: n.taskId } : {}),
        };
        nodeNotifier.notify(args, (error, response, metadata) => {
          if (error) logger.warn('Notification could not be shown', { title: n.title, error: error.message });
          else if (args.wait && options.onClick && wasClicked(response, metadata)) options.onClick(target);
          resolve();
        });
        // A waiting notification calls back only once the user acts or it times out: the caller
        // does not wait for that.
        if (args.wait) resolve();
      }),
  };
}
