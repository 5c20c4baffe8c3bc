import { describe, expect, it } from 'vitest';
import {
  approvalNeededText,
  budgetWarningText,
  burstText,
  listNames,
  missedRunsText,
  quietHoursSummaryText,
  runFailedText,
  runHaltedText,
  runSucceededText,
  schedulerStalledText,
} from '../../../../src-main/core/notify/texts';

const DENVER = 'America/Denver';
const at = (iso: string): number => Date.parse(iso);
const briefing = (iso: string, timeZone = DENVER) =>
  runSucceededText({ taskTitle: 'Morning briefing', at: at(iso), timeZone, startedAt: null, costUsd: 0 }).title;

describe('notification times in the display timezone', () => {
  it('reads MST in January and MDT in July', () => {
    expect(briefing('2026-01-15T15:31:00Z')).toBe('Morning briefing ready · 8:31 AM MST');
    expect(briefing('2026-07-15T14:31:00Z')).toBe('Morning briefing ready · 8:31 AM MDT');
  });

  it('switches from MST to MDT across the spring-forward instant of 2026-03-08', () => {
    // 2:00 AM MST (09:00Z) becomes 3:00 AM MDT.
    expect(briefing('2026-03-08T08:59:00Z')).toBe('Morning briefing ready · 1:59 AM MST');
    expect(briefing('2026-03-08T09:00:00Z')).toBe('Morning briefing ready · 3:00 AM MDT');
    expect(briefing('2026-03-08T15:31:00Z')).toBe('Morning briefing ready · 9:31 AM MDT');
  });

  it('reads the repeated 1:30 AM hour of 2026-11-01 once as MDT and once as MST', () => {
    expect(briefing('2026-11-01T07:30:00Z')).toBe('Morning briefing ready · 1:30 AM MDT');
    expect(briefing('2026-11-01T08:30:00Z')).toBe('Morning briefing ready · 1:30 AM MST');
  });

  it('switches at the 2027 changes too (2027-03-14 and 2027-11-07)', () => {
    expect(briefing('2027-03-14T08:59:00Z')).toBe('Morning briefing ready · 1:59 AM MST');
    expect(briefing('2027-03-14T09:00:00Z')).toBe('Morning briefing ready · 3:00 AM MDT');
    expect(briefing('2027-11-07T07:59:00Z')).toBe('Morning briefing ready · 1:59 AM MDT');
    expect(briefing('2027-11-07T08:00:00Z')).toBe('Morning briefing ready · 1:00 AM MST');
  });

  it('uses another display zone with its own abbreviations and change dates', () => {
    // New York changes on the same Sundays but at its own 2:00 AM; Phoenix stays on MST all year.
    expect(briefing('2026-03-08T06:59:00Z', 'America/New_York')).toBe('Morning briefing ready · 1:59 AM EST');
    expect(briefing('2026-03-08T07:00:00Z', 'America/New_York')).toBe('Morning briefing ready · 3:00 AM EDT');
    expect(briefing('2026-07-15T15:31:00Z', 'America/Phoenix')).toBe('Morning briefing ready · 8:31 AM MST');
  });

  it('puts the zone on every kind of text', () => {
    const july = at('2026-07-15T14:31:00Z');
    const jan = at('2026-01-15T15:31:00Z');
    expect(
      runFailedText({
        taskTitle: 'Nightly backup',
        at: jan,
        timeZone: DENVER,
        error: 'exit 1',
        attempt: 1,
        timedOut: false,
      }).title,
    ).toBe('Nightly backup failed · 8:31 AM MST');
    expect(runHaltedText({ taskTitle: 'Deploy', at: july, timeZone: DENVER, reason: null, error: null }).title).toBe(
      'Deploy halted · 8:31 AM MDT',
    );
    expect(approvalNeededText({ taskTitle: 'Deploy', at: jan, timeZone: DENVER, question: null }).title).toBe(
      'Deploy needs your approval · 8:31 AM MST',
    );
    expect(
      budgetWarningText({ taskTitle: 'Digest', scope: 'task', spentUsd: 8, limitUsd: 10, at: july, timeZone: DENVER })
        .title,
    ).toBe('Budget 80% used: Digest · 8:31 AM MDT');
    expect(schedulerStalledText({ lastWakeAt: jan, now: jan + 95_000, timeZone: DENVER }).body).toBe(
      'The scheduler stopped ticking after 8:31 AM MST (silent for 1 min 35 s). Ridgeline restarted it.',
    );
  });
});

describe('notification bodies', () => {
  it('says how long a success took and what it cost', () => {
    const start = at('2026-01-15T15:29:50Z');
    expect(
      runSucceededText({
        taskTitle: 'Morning briefing',
        at: start + 100_000,
        timeZone: DENVER,
        startedAt: start,
        costUsd: 0.034,
      }).body,
    ).toBe('Finished in 1 min 40 s for $0.03.');
  });

  it('names the attempts of a retried failure and falls back to a sentence when no error was recorded', () => {
    const failed = runFailedText({
      taskTitle: 'Sync',
      at: at('2026-01-15T15:31:00Z'),
      timeZone: DENVER,
      error: null,
      attempt: 3,
      timedOut: true,
    });
    expect(failed).toEqual({
      title: 'Sync timed out after 3 attempts · 8:31 AM MST',
      body: 'It ran past its time limit.',
    });
  });

  it('tells why a run halted and that it waits for a decision', () => {
    expect(
      runHaltedText({
        taskTitle: 'Deploy',
        at: 0,
        timeZone: 'UTC',
        reason: 'uncertain',
        error: 'the verifier disagreed',
      }).body,
    ).toBe('uncertain: the verifier disagreed. It waits for your decision before it goes on.');
  });

  it('asks the approval question when there is one', () => {
    expect(approvalNeededText({ taskTitle: 'Deploy', at: 0, timeZone: 'UTC', question: 'Push to main?' }).body).toBe(
      'Push to main?',
    );
  });

  it('words app-wide budgets by their period', () => {
    const text = budgetWarningText({
      taskTitle: null,
      scope: 'daily',
      spentUsd: 4.5,
      limitUsd: 5,
      at: at('2026-01-15T15:31:00Z'),
      timeZone: DENVER,
    });
    expect(text).toEqual({
      title: 'Budget 90% used: today · 8:31 AM MST',
      body: '$4.50 of $5.00 spent. Runs stop when the budget is used up.',
    });
  });

  it('keeps the scheduler account of missed runs as the body', () => {
    expect(
      missedRunsText('This computer was asleep from 11:02 PM to 7:02 AM MST: 8 runs missed, 0 caught up.'),
    ).toEqual({
      title: 'Missed runs',
      body: 'This computer was asleep from 11:02 PM to 7:02 AM MST: 8 runs missed, 0 caught up.',
    });
  });
});

describe('summaries', () => {
  it('turns ten failures into one line naming three tasks and counting the rest', () => {
    const items = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((subject) => ({ subject }));
    expect(burstText('run_failed', items, 60_000)).toEqual({
      title: '10 runs failed in the last minute',
      body: 'A, B, C and 7 more',
    });
  });

  it('names each task once however often it appears', () => {
    expect(listNames(['Sync', 'Sync', 'Backup'])).toBe('Sync, Backup');
  });

  it('summarises what quiet hours held, by kind, with the span in the display timezone', () => {
    const from = at('2026-01-15T05:10:00Z');
    const to = at('2026-01-15T14:00:00Z');
    expect(
      quietHoursSummaryText(
        [
          { kind: 'run_failed', subject: 'Backup' },
          { kind: 'run_succeeded', subject: 'Digest' },
          { kind: 'run_failed', subject: 'Sync' },
        ],
        from,
        to,
        DENVER,
      ),
    ).toEqual({
      title: 'While quiet hours were on: 3 notifications',
      body: 'From 10:10 PM to 7:00 AM MST. 2 runs failed: Backup, Sync. 1 run finished: Digest.',
    });
  });
});
