// `ridgeline runs ...`: list runs, show one with its steps, read or follow its log, cancel or retry it.
import type { CallInput, RunSummary } from '../../core/api/contract';
import { intFlag, listFlag, noArgs, requiredArg, stringFlag } from './args';
import type { Command, Group } from './command';
import { followRunLogs, logLine, printLogsAfter } from './run-logs';
import { clip, fields, heading, money, printJson, status, table, time, type Output } from './output';
import { taskTitles, type TitleOf } from './task-titles';
import { feedbackText, rateCommand } from './ratings';

function duration(run: RunSummary): string {
  if (!run.startedAt) return '-';
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  const seconds = Math.max(0, Math.round((end - Date.parse(run.startedAt)) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function runRow(out: Output, run: RunSummary, titleOf: TitleOf): string[] {
  return [
    run.id,
    titleOf(run.taskId),
    status(out, run.status),
    run.trigger,
    time(out, run.startedAt ?? run.queuedAt),
    duration(run),
    money(run.costUsd),
    clip(run.error?.error ?? '', 40),
  ];
}

export const runHeaders = ['RUN', 'TASK', 'STATUS', 'TRIGGER', 'STARTED', 'TOOK', 'COST', 'ERROR'];

const ls: Command = {
  name: 'runs ls',
  summary: 'Lists runs, newest first.',
  help: `[--task ID] [--status STATUS]... [--limit N]

  --task ID        only runs of this task
  --status STATUS  only runs in this status (queued, running, awaiting_approval, halted, succeeded,
                   failed, cancelled, timed_out); repeat for several
  --limit N        at most N runs (default 50)`,
  flags: { task: { type: 'string' }, status: { type: 'string', multiple: true }, limit: { type: 'string' } },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const page = await client.call('runs.list', {
      taskId: stringFlag(args.values, 'task'),
      status: listFlag(args.values, 'status') as CallInput<'runs.list'>['status'],
      limit: intFlag(this.name, args.values, 'limit'),
    });
    if (out.json) return printJson(out, page);
    const titleOf = await taskTitles(
      client,
      page.items.map((r) => r.taskId),
    );
    out.write(
      `${table(
        out,
        runHeaders,
        page.items.map((r) => runRow(out, r, titleOf)),
      )}\n`,
    );
    if (page.total > page.items.length) out.write(`${page.items.length} of ${page.total} runs shown.\n`);
  },
};

const SHOWN_LOG_LINES = 20;

const show: Command = {
  name: 'runs show',
  summary: 'Shows one run: its status, error, steps, success criteria, summary, rating and last log lines.',
  help: '<run id>',
  flags: {},
  async run(args, { client, out }) {
    const details = await client.call('runs.get', { id: requiredArg(this.name, args, 'run id') });
    if (out.json) return printJson(out, details);
    const { run } = details;
    const titleOf = await taskTitles(client, [run.taskId]);
    out.write(`${heading(out, `Run ${run.id} of "${titleOf(run.taskId)}"`)}\n`);
    out.write(
      `${fields([
        ['Status', status(out, run.status)],
        ['Trigger', run.trigger],
        ['Attempt', String(run.attempt)],
        ['Scheduled for', time(out, run.scheduledFor)],
        ['Started', time(out, run.startedAt)],
        ['Finished', time(out, run.finishedAt)],
        ['Cost', `${money(run.costUsd)} (${run.inputTokens} in, ${run.outputTokens} out tokens)`],
        ['Error', run.error ? `${run.error.reason}: ${run.error.error}` : '-'],
      ])}\n`,
    );
    const steps = details.steps.map((s) => [
      String(s.stepIndex + 1),
      s.stepId,
      status(out, s.status === 'complete' ? 'succeeded' : s.status),
      String(s.attempt),
      time(out, s.completedAt),
    ]);
    out.write(`\n${heading(out, 'Steps')}\n${table(out, ['#', 'STEP', 'STATUS', 'ATTEMPT', 'DONE'], steps)}\n`);
    out.write(feedbackText(out, details));
    const logs = details.logs.slice(-SHOWN_LOG_LINES);
    out.write(`\n${heading(out, 'Log')}\n${logs.map((l) => logLine(out, l)).join('\n') || '(empty)'}\n`);
  },
};

const logs: Command = {
  name: 'runs logs',
  summary: "Prints a run's log; with -f, keeps printing new lines until the run ends.",
  help: `<run id> [-f]

  -f, --follow  follow the log live (over the host's event stream) until the run ends
With --json, one JSON object per log line.`,
  flags: { follow: { type: 'boolean', short: 'f' } },
  async run(args, session) {
    const id = requiredArg(this.name, args, 'run id');
    if (args.values.follow === true) return followRunLogs(session, id);
    await session.client.call('runs.get', { id });
    await printLogsAfter(session, id, 0);
  },
};

function action(name: string, summary: string, call: 'runs.cancel' | 'runs.retry', done: string): Command {
  return {
    name,
    summary,
    help: '<run id>',
    flags: {},
    async run(args, { client, out }) {
      const run = await client.call(call, { id: requiredArg(this.name, args, 'run id') });
      if (out.json) return printJson(out, run);
      out.write(`${done} ${run.id}: ${status(out, run.status)}\n`);
    },
  };
}

export const runsGroup: Group = {
  name: 'runs',
  summary: 'Runs: one execution of a task each.',
  commands: [
    ls,
    show,
    logs,
    action(
      'runs cancel',
      'Cancels a queued or running run (its processes are stopped).',
      'runs.cancel',
      'Cancelled run',
    ),
    action('runs retry', 'Queues a finished run again as a new attempt.', 'runs.retry', 'Queued a new attempt, run'),
    rateCommand('run'),
  ],
};
