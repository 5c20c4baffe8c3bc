// How the desktop host words a notification for Electron's Notification, per platform: the icon,
// the click target and the Approve / Reject buttons. The Electron glue (desktop/notifier.ts) only
// hands these to Electron; test/e2e/electron covers it where Electron runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  APP_USER_MODEL_ID,
  decisionForAction,
  notificationIconPath,
  offersActions,
  planDesktopNotification,
} from '../../../src-main/desktop/notification-routing';

const resourcesDir = '/opt/Ridgeline/resources';
const approval = {
  kind: 'approval_needed' as const,
  title: 'Nightly chore needs your approval',
  body: 'The verifier was unsure · 2:05 AM MST',
  runId: 'run/01J 9',
  taskId: 'task-1',
  approvalId: 'appr-7',
};
const failure = { kind: 'run_failed' as const, title: 'Morning briefing failed', body: 'timed out', runId: 'run-2' };

describe('the desktop notification plan', () => {
  it('offers Approve and Reject on macOS and Windows, and maps each button back to its decision', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const plan = planDesktopNotification(approval, { platform, resourcesDir });
      expect(plan.options.actions).toEqual([
        { type: 'button', text: 'Approve' },
        { type: 'button', text: 'Reject' },
      ]);
      expect(decisionForAction(plan, 0)).toBe('approve');
      expect(decisionForAction(plan, 1)).toBe('reject');
      expect(decisionForAction(plan, 2)).toBeUndefined();
      expect(decisionForAction(plan, -1)).toBeUndefined();
    }
  });

  it('shows no buttons on Linux, where notification servers do not report them, but keeps the approval up', () => {
    const plan = planDesktopNotification(approval, { platform: 'linux', resourcesDir });
    expect(offersActions('linux')).toBe(false);
    expect(plan.options.actions).toBeUndefined();
    expect(plan.actions).toEqual([]);
    expect(decisionForAction(plan, 0)).toBeUndefined();
    expect(plan.options).toMatchObject({ timeoutType: 'never', urgency: 'critical' });
    expect(plan.clickRoute).toBe('#/runs/run%2F01J%209');
  });

  it('gives a notification that asks nothing no buttons, and no button index means a decision', () => {
    const plan = planDesktopNotification(failure, { platform: 'darwin', resourcesDir });
    expect(plan.options).toEqual({ title: failure.title, body: failure.body });
    expect(plan.actions).toEqual([]);
    expect(decisionForAction(plan, 0)).toBeUndefined();
  });

  it("opens the notification's run in the board on click, or just the board when it names no run", () => {
    expect(planDesktopNotification(failure, { platform: 'win32', resourcesDir }).clickRoute).toBe('#/runs/run-2');
    const about = { title: 'Runs were missed', body: '3 runs while the computer slept', taskId: 'task-1' };
    expect(planDesktopNotification(about, { platform: 'win32', resourcesDir }).clickRoute).toBeUndefined();
  });

  it("uses the app's icon from its resources on Windows and Linux, and the bundle's own on macOS", () => {
    const icon = join(resourcesDir, 'icons', '256x256.png');
    expect(notificationIconPath(resourcesDir, 'win32')).toBe(icon);
    expect(planDesktopNotification(failure, { platform: 'linux', resourcesDir }).options.icon).toBe(icon);
    expect(planDesktopNotification(failure, { platform: 'darwin', resourcesDir }).options.icon).toBeUndefined();
  });

  it('keeps the title and body the notification centre already masked, unchanged', () => {
    const masked = { title: 'Deploy failed', body: 'token [redacted] was refused -- see log', runId: 'r' };
    expect(planDesktopNotification(masked, { platform: 'linux', resourcesDir }).options).toMatchObject({
      title: masked.title,
      body: masked.body,
    });
  });

  it("claims the installer's appId as the Windows AppUserModelId, so toasts carry the app's name", () => {
    const builder = parse(readFileSync(join(__dirname, '../../../electron-builder.yml'), 'utf8')) as { appId: string };
    expect(APP_USER_MODEL_ID).toBe(builder.appId);
  });
});
