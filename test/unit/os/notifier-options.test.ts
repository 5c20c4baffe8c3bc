import { describe, expect, it } from 'vitest';
import { chosenAction, nodeNotifierOptions, reportsClicks, wasClicked } from '../../../src-main/os/notifier';

// What the adapter hands node-notifier on each platform. Only the Linux path can show a real
// notification here (see test/integration/notifications-dbus.test.ts); macOS and Windows are
// checked at the options they would receive.
const failed = { title: 'Backup failed · 2:04 AM MST', body: 'exit 1', runId: 'r1', taskId: 't1' };

describe('node-notifier options', () => {
  it('waits for a click on macOS and Windows when the notification opens a run', () => {
    expect(nodeNotifierOptions(failed, 'darwin')).toEqual({
      title: 'Backup failed · 2:04 AM MST',
      message: 'exit 1',
      wait: true,
    });
    expect(nodeNotifierOptions(failed, 'win32').wait).toBe(true);
    expect(reportsClicks('linux')).toBe(false);
  });

  it('does not wait when there is nothing to open', () => {
    expect(nodeNotifierOptions({ title: 'Missed runs', body: '2 missed' }, 'darwin').wait).toBe(false);
  });

  it('names Ridgeline as the sender on Linux and never waits there (notify-send reports no clicks)', () => {
    expect(nodeNotifierOptions(failed, 'linux')).toEqual({
      title: 'Backup failed · 2:04 AM MST',
      message: 'exit 1',
      wait: false,
      'app-name': 'Ridgeline',
    });
  });

  it('doubles backslashes for notify-send, which reads escapes in the body', () => {
    expect(nodeNotifierOptions({ title: 'a\\b', body: 'C:\\temp' }, 'linux')).toMatchObject({
      title: 'a\\b',
      message: 'C:\\\\temp',
    });
    expect(nodeNotifierOptions({ title: 'a', body: 'C:\\temp' }, 'darwin').message).toBe('C:\\temp');
  });

  it('keeps a leading dash from being read as an option and folds lines into one', () => {
    expect(nodeNotifierOptions({ title: '--help', body: 'line one\n  line two' }, 'linux')).toMatchObject({
      title: ' --help',
      message: 'line one line two',
    });
  });
});

describe('clicks', () => {
  it('counts an activation as a click, and a timeout or a close as none', () => {
    expect(wasClicked('activate', { activationType: 'contentsClicked' })).toBe(true);
    expect(wasClicked('clicked', undefined)).toBe(true);
    expect(wasClicked('timeout', { activationType: 'timeout' })).toBe(false);
    expect(wasClicked('activate', { activationType: 'closed' })).toBe(false);
    expect(wasClicked(undefined, undefined)).toBe(false);
  });
});

describe('approving or rejecting from the notification', () => {
  const asking = {
    title: 'Nightly chore needs your approval · 2:10 AM MST',
    body: 'Merge?',
    runId: 'r1',
    approvalId: 'a1',
  };

  it('offers Approve and Reject, and waits an hour, where the OS has buttons', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(nodeNotifierOptions(asking, platform)).toEqual({
        title: 'Nightly chore needs your approval · 2:10 AM MST',
        message: 'Merge?',
        wait: true,
        actions: ['Approve', 'Reject'],
        timeout: 3600,
      });
    }
    expect(nodeNotifierOptions(asking, 'linux').actions).toBeUndefined();
  });

  it('reads the button from Notification Center metadata and from a Windows toast response', () => {
    expect(chosenAction('@actionclicked', { activationType: 'actionClicked', activationValue: 'Approve' })).toBe(
      'approve',
    );
    expect(chosenAction('reject', {})).toBe('reject');
    expect(chosenAction('activate', { activationType: 'contentsClicked' })).toBeUndefined();
    expect(chosenAction('timeout', { activationType: 'timeout' })).toBeUndefined();
  });
});
