import { describe, expect, it } from 'vitest';
import { wakeLine } from '../../../src-main/cli/ridgeline/wake-text';

const out = { json: false, colour: false, timezone: 'America/Denver', write: () => undefined };

describe("status's Wake for runs line", () => {
  it('says why a wake cannot be set and what to do about it', () => {
    expect(
      wakeLine(out, {
        available: false,
        method: null,
        reason: 'pmset needs administrator rights to schedule a wake, and sudo asks for a password',
        remedy: 'allow pmset without a password',
        armed: null,
        lastError: null,
      }),
    ).toBe(
      'not available because pmset needs administrator rights to schedule a wake, and sudo asks for a password; ' +
        'to allow it, allow pmset without a password',
    );
  });

  it('names the wake set and the task, in the display timezone, and a failure to set the last one', () => {
    expect(
      wakeLine(out, {
        available: true,
        method: 'rtcwake, as root',
        reason: null,
        remedy: null,
        armed: { wakeAt: '2026-12-06T09:59:00Z', runAt: '2026-12-06T10:00:00Z', taskId: 't1', title: 'Nightly' },
        lastError: 'rtcwake -m no -t 1796551140 exited with 1',
      }),
    ).toBe(
      'available (rtcwake, as root); wakes at Sun, Dec 6, 2:59 AM MST for "Nightly"; ' +
        'the last wake could not be set: rtcwake -m no -t 1796551140 exited with 1',
    );
  });
});
