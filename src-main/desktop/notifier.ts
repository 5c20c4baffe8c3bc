// The desktop host's last notification adapter: Electron's own Notification, so a notification
// carries Ridgeline's name and icon and its clicks and buttons come back to this process. What it
// shows is decided in notification-routing.ts; the headless host keeps node-notifier (os/notifier.ts).
import { Notification as ElectronNotification } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Notifier } from '../core/ports';
import type { ApprovalAction } from '../os/notifier';
import { decisionForAction, planDesktopNotification, type DesktopNotificationPlan } from './notification-routing';

export interface ElectronNotifierOptions {
  logger: Logger;
  resourcesDir: string;
  /** Opens a board route (#/runs/<id>), or just the board when the notification names no run. */
  openBoard: (route: string | undefined) => void;
  onApprovalAction: (action: ApprovalAction) => void;
  /** Told of each notification shown (the desktop end-to-end tests click it through this). */
  onShown?: (shown: { plan: DesktopNotificationPlan; notification: ElectronNotification }) => void;
}

export function createElectronNotifier(options: ElectronNotifierOptions): Notifier {
  const { logger } = options;
  // Electron drops the click and action handlers of a notification that is garbage collected.
  const live = new Set<ElectronNotification>();
  return {
    notify: async (n) => {
      if (!ElectronNotification.isSupported()) {
        logger.warn('Notifications are not supported on this desktop', { title: n.title });
        return;
      }
      const plan = planDesktopNotification(n, { platform: process.platform, resourcesDir: options.resourcesDir });
      const shown = new ElectronNotification(plan.options);
      live.add(shown);
      const forget = (): void => void live.delete(shown);
      shown.on('click', () => {
        forget();
        options.openBoard(plan.clickRoute);
      });
      shown.on('action', (details) => {
        forget();
        const decision = decisionForAction(plan, details.actionIndex);
        if (decision && plan.approvalId) options.onApprovalAction({ approvalId: plan.approvalId, decision });
      });
      shown.on('close', forget);
      shown.on('failed', (_event, error) => {
        forget();
        logger.warn('Notification could not be shown', { title: n.title, error });
      });
      shown.show();
      options.onShown?.({ plan, notification: shown });
    },
  };
}
