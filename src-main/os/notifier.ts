// Desktop notifications through node-notifier (Notification Center, Windows toasts, libnotify).
// A notification that cannot be shown is logged, never thrown: a run must not fail for it.
import notifier from 'node-notifier';
import type { Logger } from '../core/lib/logger';
import type { Notifier } from '../core/ports';

export function createDesktopNotifier(logger: Logger): Notifier {
  return {
    notify: (n) =>
      new Promise((resolve) => {
        notifier.notify({ title: n.title, message: n.body, wait: false }, (error) => {
          if (error) logger.warn('Notification could not be shown', { title: n.title, error: error.message });
          resolve();
        });
      }),
  };
}
