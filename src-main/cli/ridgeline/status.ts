// `ridgeline status` and `ridgeline queue`: the scheduler, what runs, what waits and why, what needs
// a person, what fires next, and what was spent today and this month (days in the display timezone).
import type { OccurrencesOverview, QueueStatus, UsageSummary } from '../../core/api/contract';
import { noArgs } from './args';
import type { Command } from './command';
import { clip, heading, money, paint, printJson, status, table, time, type Output } from './output';
import { runHeaders, runRow } from './runs';
import { taskTitles, type TitleOf } from './task-titles';
import { wakeLine } from './wake-text';
import { monthStart, occurrenceLine } from './occurrence-lines';

const NEXT_RUNS = 5;
/** Tasks named in "This month"; the ones that missed the most come first, the rest are counted. */
const LEDGER_LINES = 10;

function ledgerLines(overview: OccurrencesOverview): string[] {
  const lines = overview.items.map((o) => `  ${occurrenceLine(o.title, o.summary)}\n`);
  const rest = overview.tasks - overview.items.length;
  if (rest > 0) {
    const { ran, total } = overview.totals;
    lines.push(`  …and ${rest} more task${rest === 1 ? '' : 's'} (all tasks: ${ran} of ${total} ran)\n`);
  }
  return lines;
}

/** "2026-11-23" in the zone, as usage.summary names its days. */
function dayIn(timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    epochMs,
  );
}

function spend(usage: UsageSummary, now: number): { today: number; month: number } {
  const today = dayIn(usage.timezone, now);
  const month = today.slice(0, 7);
  const sum = (keep: (day: string) => boolean): number =>
    usage.byDay.filter((d) => keep(d.day)).reduce((total, d) => total + d.costUsd, 0);
  return { today: sum((d) => d === today), month: sum((d) => d.startsWith(month)) };
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Shows the scheduler, running runs, what needs attention, the next runs and the spend.',
  help: '',
  flags: {},
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const [scheduler, queue, approvals, attention, tasks, usage, wake] = await Promise.all([
      client.call('scheduler.status', {}),
      client.call('queue.status', {}),
      client.call('approvals.list', { status: 'pending' }),
      client.call('runs.list', { status: ['halted', 'awaiting_approval'], limit: 20 }),
      client.call('tasks.list', { paused: false, sort: 'next_run', limit: NEXT_RUNS }),
      client.call('usage.summary', {}),
      client.call('system.wake', {}),
    ]);
    const nextRuns = tasks.items.filter((t) => t.nextRunAt !== null);
    const spent = spend(usage, Date.now());
    const from = new Date(monthStart(Date.now(), usage.timezone)).toISOString();
    const thisMonth = await client.call('occurrences.summary', { from, limit: LEDGER_LINES });
    if (out.json) {
      const occurrences = thisMonth.items.map(({ taskId, title, summary }) => ({ taskId, title, ...summary }));
      return printJson(out, {
        scheduler,
        queue,
        approvals,
        attention: attention.items,
        nextRuns,
        spend: spent,
        occurrences,
        wake,
      });
    }
    const state = scheduler.paused
      ? paint(out, 'yellow', `paused since ${time(out, scheduler.pausedAt)}`)
      : paint(out, 'green', 'running');
    out.write(`${heading(out, 'Scheduler')}: ${state} (last heartbeat ${time(out, scheduler.heartbeatAt)})\n`);
    out.write(`${heading(out, 'Spend')}: ${money(spent.today)} today, ${money(spent.month)} this month\n`);
    out.write(`${heading(out, 'Wake for runs')}: ${wakeLine(out, wake)}\n`);
    if (thisMonth.tasks > 0) out.write(`${heading(out, 'This month')}\n${ledgerLines(thisMonth).join('')}`);

    const titleOf = await taskTitles(client, [...queueTaskIds(queue), ...attention.items.map((r) => r.taskId)]);
    out.write(`\n${heading(out, `Running (${queue.running.length})`)}\n`);
    out.write(
      `${table(
        out,
        runHeaders,
        queue.running.map((r) => runRow(out, r, titleOf)),
      )}\n`,
    );

    const needs = [
      ...approvals.map((a) => [paint(out, 'yellow', 'approval'), clip(a.taskTitle, 32), clip(a.question, 60), a.id]),
      ...attention.items
        .filter((r) => !approvals.some((a) => a.runId === r.id))
        .map((r) => [status(out, r.status), titleOf(r.taskId), clip(r.error?.error ?? '', 60), r.id]),
      ...queue.waitingOnDependency
        .filter((w) => w.blocked)
        .map((w) => [status(out, 'blocked'), titleOf(w.run.taskId), clip(w.reason, 60), w.run.id]),
    ];
    out.write(`\n${heading(out, `Needs attention (${needs.length})`)}\n`);
    out.write(`${table(out, ['WHAT', 'TASK', 'WHY', 'ID'], needs)}\n`);

    const upcoming = nextRuns.map((t) => [time(out, t.nextRunAt), clip(t.title, 40), t.id]);
    out.write(`\n${heading(out, 'Next runs')}\n${table(out, ['WHEN', 'TASK', 'ID'], upcoming)}\n`);
  },
};

function queueTaskIds(queue: QueueStatus): string[] {
  return [
    ...queue.running.map((r) => r.taskId),
    ...queue.queued.map((r) => r.taskId),
    ...queue.waitingOnDependency.map((w) => w.run.taskId),
    ...queue.waitingForRetry.map((w) => w.run.taskId),
  ];
}

function waitingRows(out: Output, queue: QueueStatus, titleOf: TitleOf): string[][] {
  return [
    ...queue.queued.map((r) => [
      r.id,
      titleOf(r.taskId),
      status(out, 'queued'),
      'waiting for a free slot',
      time(out, r.queuedAt),
    ]),
    ...queue.waitingOnDependency.map((w) => [
      w.run.id,
      titleOf(w.run.taskId),
      status(out, w.blocked ? 'blocked' : 'queued'),
      clip(w.reason, 60),
      time(out, w.run.queuedAt),
    ]),
    ...queue.waitingForRetry.map((w) => [
      w.run.id,
      titleOf(w.run.taskId),
      status(out, 'queued'),
      `retry ${w.run.attempt} at ${time(out, w.nextAttemptAt)}`,
      time(out, w.run.queuedAt),
    ]),
  ];
}

export const queueCommand: Command = {
  name: 'queue',
  summary: 'Shows the run queue: running, queued, and waiting (with the reason each waits).',
  help: '',
  flags: {},
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const queue = await client.call('queue.status', {});
    if (out.json) return printJson(out, queue);
    const titleOf = await taskTitles(client, queueTaskIds(queue));
    out.write(`${heading(out, `Running (${queue.running.length})`)}\n`);
    out.write(
      `${table(
        out,
        runHeaders,
        queue.running.map((r) => runRow(out, r, titleOf)),
      )}\n`,
    );
    const waiting = waitingRows(out, queue, titleOf);
    out.write(`\n${heading(out, `Waiting (${waiting.length})`)}\n`);
    out.write(`${table(out, ['RUN', 'TASK', 'STATUS', 'WAITING FOR', 'QUEUED'], waiting)}\n`);
  },
};
