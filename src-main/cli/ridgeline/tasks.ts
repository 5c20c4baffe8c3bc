// `ridgeline tasks ...`: list, show, create, run, pause, resume and delete tasks.
import { rateCommand } from './ratings';
import type { CallInput, Task } from '../../core/api/contract';
import { intFlag, listFlag, requiredArg, stringFlag, noArgs } from './args';
import type { Command, Group } from './command';
import { readDataFile, parseParams } from './input-files';
import { followRunLogs } from './run-logs';
import { exportCommand, importCommand } from './task-files';
import { webhookCommand } from './task-webhook';
import { clip, fields, heading, paint, printJson, status, table, time, type Output } from './output';

function scheduleText(task: Pick<Task, 'schedule'>): string {
  const { kind, expr, timezone } = task.schedule;
  if (kind === 'manual') return 'manual';
  return `${kind} ${expr ?? ''}${timezone ? ` (${timezone})` : ''}`;
}

function taskRow(
  out: Output,
  task: Pick<Task, 'id' | 'title' | 'paused' | 'status' | 'schedule' | 'nextRunAt'>,
): string[] {
  return [
    task.id,
    clip(task.title, 40),
    task.paused ? paint(out, 'yellow', 'paused') : status(out, task.status),
    clip(scheduleText(task), 40),
    task.paused ? '-' : time(out, task.nextRunAt),
  ];
}

const ls: Command = {
  name: 'tasks ls',
  summary: 'Lists tasks, most recently updated first.',
  help: `[--status STATUS]... [--tag TAG]... [--search TEXT] [--limit N]

  --status STATUS  only tasks in this status (pending, scheduled, running, blocked, halted, complete,
                   failed); repeat for several
  --tag TAG        only tasks with this tag (any case); repeat for any of several
  --search TEXT    only tasks whose title, description, type, tags or project contain TEXT
  --limit N        at most N tasks (default 100)`,
  flags: {
    status: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    search: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const page = await client.call('tasks.list', {
      status: listFlag(args.values, 'status') as CallInput<'tasks.list'>['status'],
      tag: listFlag(args.values, 'tag'),
      search: stringFlag(args.values, 'search'),
      limit: intFlag(this.name, args.values, 'limit'),
    });
    if (out.json) return printJson(out, page);
    const rows = page.items.map((t) => taskRow(out, t));
    out.write(`${table(out, ['ID', 'TITLE', 'STATUS', 'SCHEDULE', 'NEXT RUN'], rows)}\n`);
    if (page.total > page.items.length) out.write(`${page.items.length} of ${page.total} tasks shown.\n`);
  },
};

const show: Command = {
  name: 'tasks show',
  summary: 'Shows one task: its schedule, next run, settings and pipeline steps.',
  help: '<task id>',
  flags: {},
  async run(args, { client, out }) {
    const task = await client.call('tasks.get', { id: requiredArg(this.name, args, 'task id') });
    if (out.json) return printJson(out, task);
    out.write(`${heading(out, task.title)}\n`);
    out.write(
      `${fields([
        ['ID', task.id],
        ['Status', task.paused ? `${status(out, task.status)} (paused)` : status(out, task.status)],
        ['Type', task.taskType],
        ['Priority', task.priority],
        ['Tags', task.tags.length ? task.tags.join(', ') : '-'],
        ['Schedule', scheduleText(task)],
        ['Next run', task.paused ? '- (paused)' : time(out, task.nextRunAt)],
        ['Last fired', time(out, task.lastFiredAt)],
        ['Wake to run', task.wakeToRun ? 'yes: wakes the computer a minute before each scheduled run' : 'no'],
        ['Budget', task.budgetUsd === null ? '-' : `$${task.budgetUsd}`],
        ['Last error', task.lastError ?? '-'],
        ['Updated', time(out, task.updatedAt)],
      ])}\n`,
    );
    if (task.description) out.write(`\n${task.description}\n`);
    const steps = task.pipeline.steps.map((s, i) => [String(i + 1), s.id, s.uses, s.if ?? '']);
    out.write(`\n${heading(out, 'Pipeline')}\n${table(out, ['#', 'STEP', 'USES', 'IF'], steps)}\n`);
  },
};

const add: Command = {
  name: 'tasks add',
  summary: 'Creates a task. Its fields come from --file and the flags (flags win); the host validates them.',
  help: `[--file TASK.yaml] [--title TEXT] [--pipeline FILE] [--schedule KIND] [--expr EXPR] [--timezone ZONE]
          [--description TEXT] [--type TYPE] [--priority low|normal|high|urgent] [--tag TAG]...

  --file FILE      a task as JSON or YAML, with the fields of the API's tasks.create ("-" reads stdin)
  --title TEXT     the task's title
  --pipeline FILE  its pipeline ({ params, steps }) as JSON or YAML
  --schedule KIND  cron, rrule, once, interval or manual (default manual)
  --expr EXPR      the schedule's expression, e.g. "30 8 * * 1-5"
  --timezone ZONE  the schedule's IANA time zone (default: the display timezone)
  --tag TAG        a tag to filter and search by; repeat for several

Example:
  ridgeline tasks add --title "Disk check" --pipeline disk.yaml --schedule cron --expr "0 7 * * *"`,
  flags: {
    file: { type: 'string' },
    title: { type: 'string' },
    pipeline: { type: 'string' },
    schedule: { type: 'string' },
    expr: { type: 'string' },
    timezone: { type: 'string' },
    description: { type: 'string' },
    type: { type: 'string' },
    priority: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const v = args.values;
    const file = stringFlag(v, 'file');
    const base = (file === undefined ? {} : readDataFile(this.name, '--file', file)) as CallInput<'tasks.create'>;
    const pipelinePath = stringFlag(v, 'pipeline');
    const kind = stringFlag(v, 'schedule');
    const input = {
      ...base,
      ...defined({
        title: stringFlag(v, 'title'),
        description: stringFlag(v, 'description'),
        taskType: stringFlag(v, 'type'),
        priority: stringFlag(v, 'priority'),
        tags: listFlag(v, 'tag').length ? listFlag(v, 'tag') : undefined,
        pipeline: pipelinePath === undefined ? undefined : readDataFile(this.name, '--pipeline', pipelinePath),
      }),
      schedule: {
        kind: 'manual',
        ...base.schedule,
        ...defined({ kind, expr: stringFlag(v, 'expr'), timezone: stringFlag(v, 'timezone') }),
      },
    } as CallInput<'tasks.create'>;
    const task = await client.call('tasks.create', input);
    if (out.json) return printJson(out, task);
    out.write(
      `Created task ${task.id} "${task.title}" (${scheduleText(task)}). Next run: ${time(out, task.nextRunAt)}\n`,
    );
  },
};

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

const run: Command = {
  name: 'tasks run',
  summary: "Runs a task now, with params over the pipeline's defaults.",
  help: `<task id> [--param NAME=VALUE]... [-f]

  --param NAME=VALUE  a param for this run; VALUE is read as JSON when it can be (3, true, "x", [1]),
                      else as text; repeat for several
  -f, --follow        print the run's log as it is written, until the run ends`,
  flags: { param: { type: 'string', multiple: true }, follow: { type: 'boolean', short: 'f' } },
  async run(args, session) {
    const { client, out } = session;
    const id = requiredArg(this.name, args, 'task id');
    const params = parseParams(this.name, listFlag(args.values, 'param'));
    const queued = await client.call('tasks.trigger', { id, ...(params ? { params } : {}) });
    if (args.values.follow === true) return followRunLogs(session, queued.id);
    if (out.json) return printJson(out, queued);
    out.write(`Queued run ${queued.id}. Follow it with: ridgeline runs logs ${queued.id} -f\n`);
  },
};

function byId(name: string, summary: string, call: 'tasks.pause' | 'tasks.resume', done: string): Command {
  return {
    name,
    summary,
    help: '<task id>',
    flags: {},
    async run(args, { client, out }) {
      const task = await client.call(call, { id: requiredArg(this.name, args, 'task id') });
      if (out.json) return printJson(out, task);
      out.write(`${done} "${task.title}". Next run: ${task.paused ? '- (paused)' : time(out, task.nextRunAt)}\n`);
    },
  };
}

const rm: Command = {
  name: 'tasks rm',
  summary: 'Deletes a task with its runs and history.',
  help: '<task id>',
  flags: {},
  async run(args, { client, out }) {
    const deleted = await client.call('tasks.delete', { id: requiredArg(this.name, args, 'task id') });
    if (out.json) return printJson(out, deleted);
    out.write(`Deleted task ${deleted.id}.\n`);
  },
};

export const tasksGroup: Group = {
  name: 'tasks',
  summary: 'Tasks: a pipeline of steps and a schedule.',
  commands: [
    ls,
    show,
    add,
    run,
    byId('tasks pause', 'Pauses a task: its schedule stops firing until resumed.', 'tasks.pause', 'Paused'),
    byId('tasks resume', 'Resumes a paused task.', 'tasks.resume', 'Resumed'),
    rm,
    exportCommand,
    importCommand,
    webhookCommand,
    rateCommand('task'),
  ],
};
