// What a notification looks like when the desktop host shows it through Electron's Notification,
// and what a click or a button on it does. The notification centre (core/notify) has already
// decided that it is shown and masked its text; this only words it for the platform, so the
// Electron glue in desktop/notifier.ts stays a few lines and this stays testable without Electron.
import { join } from 'node:path';
import type { Notification } from '../core/ports';

export const APPROVE_LABEL = 'Approve';
export const REJECT_LABEL = 'Reject';

/** Windows groups toasts, and finds the app's name and icon, by this id (the installer's appId). */
export const APP_USER_MODEL_ID = 'app.ridgeline.desktop';

export type ApprovalDecision = 'approve' | 'reject';

/** The subset of Electron's NotificationConstructorOptions the desktop host sets. */
export interface ElectronNotificationOptions {
  title: string;
  body: string;
  icon?: string;
  actions?: { type: 'button'; text: string }[];
  /** Linux and Windows: an approval stays up until it is answered or dismissed. */
  timeoutType?: 'default' | 'never';
  urgency?: 'normal' | 'critical';
}

export interface DesktopNotificationPlan {
  options: ElectronNotificationOptions;
  /** The board route a click opens (#/runs/<id>), or undefined to just bring the board forward. */
  clickRoute: string | undefined;
  /** The decision behind each button, by the index Electron reports in its 'action' event. */
  actions: ApprovalDecision[];
  approvalId: string | undefined;
}

/** Only Notification Center and Windows toasts show buttons; Linux servers get a plain notification. */
export function offersActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/**
 * The icon file beside the app's resources, or undefined on macOS, where Notification Center always
 * shows the bundle's icon and a file given here would appear a second time as an attachment.
 */
export function notificationIconPath(resourcesDir: string, platform: NodeJS.Platform): string | undefined {
  if (platform === 'darwin') return undefined;
  return join(resourcesDir, 'icons', '256x256.png');
}

export function runRoute(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}

export function planDesktopNotification(
  n: Notification,
  env: { platform: NodeJS.Platform; resourcesDir: string },
): DesktopNotificationPlan {
  const icon = notificationIconPath(env.resourcesDir, env.platform);
  const asksApproval = Boolean(n.approvalId);
  const withButtons = asksApproval && offersActions(env.platform);
  const actions: ApprovalDecision[] = withButtons ? ['approve', 'reject'] : [];
  return {
    options: {
      title: n.title,
      body: n.body,
      ...(icon ? { icon } : {}),
      ...(withButtons
        ? {
            actions: [
              { type: 'button', text: APPROVE_LABEL },
              { type: 'button', text: REJECT_LABEL },
            ],
          }
        : {}),
      ...(asksApproval && env.platform !== 'darwin' ? { timeoutType: 'never', urgency: 'critical' } : {}),
    },
    clickRoute: n.runId ? runRoute(n.runId) : undefined,
    actions,
    approvalId: n.approvalId,
  };
}

/** The decision behind the button Electron reports by index; undefined for anything else. */
export function decisionForAction(plan: DesktopNotificationPlan, actionIndex: number): ApprovalDecision | undefined {
  return plan.approvalId ? plan.actions[actionIndex] : undefined;
}
