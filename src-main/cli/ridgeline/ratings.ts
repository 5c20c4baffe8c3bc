// `ridgeline ratings ...`, `runs rate` and `tasks rate`: people rate a run or a task (quality and
// timeliness 1-5, notes), list the ratings and export them; and what `runs show` prints of a run's
// criteria results, completion summary and rating.
import type { CallOutput } from '../../core/api/contract';
import { intFlag, noArgs, requiredArg, stringFlag, type ParsedArgs } from './args';
import type { Command, Group } from './command';
import { usageError } from './errors';
import { clip, fields, heading, paint, printJson, table, time, type Output } from './output';

const scoreHelp = `  --quality N      how good the result was, 1 (poor) to 5 (excellent)
  --timeliness N   how timely it was, 1 (far too late) to 5 (right on time)
  --notes TEXT     what to remember about it`;

function score(command: string, values: ParsedArgs['values'], name: string): number {
  const value = intFlag(command, values, name);
  if (value === undefined) throw usageError(command, `ridgeline ${command}: --${name} is required (1 to 5).`);
  return value;
}

/** `runs rate` and `tasks rate`: the same call, for a run or for the task as a whole. */
export function rateCommand(subject: 'run' | 'task'): Command {
  return {
    name: `${subject}s rate`,
    summary: `Rates a ${subject === 'run' ? 'run' : 'task as a whole'} (quality and timeliness 1-5, notes); rating again replaces it.`,
    help: `<${subject} id> --quality N --timeliness N [--notes TEXT]

${scoreHelp}

Example: ridgeline ${subject}s rate <${subject} id> --quality 4 --timeliness 5 --notes "good, a bit long"`,
    flags: { quality: { type: 'string' }, timeliness: { type: 'string' }, notes: { type: 'string' } },
    async run(args, { client, out }) {
      const id = requiredArg(this.name, args, `${subject} id`);
      const rating = await client.call('ratings.set', {
        ...(subject === 'run' ? { runId: id } : { taskId: id }),
        quality: score(this.name, args.values, 'quality'),
        timeliness: score(this.name, args.values, 'timeliness'),
        notes: stringFlag(args.values, 'notes') ?? '',
      });
      if (out.json) return printJson(out, rating);
      const what = rating.runId ? `run ${rating.runId} of "${rating.taskTitle}"` : `"${rating.taskTitle}"`;
      out.write(`Rated ${what}: quality ${rating.quality}/5, timeliness ${rating.timeliness}/5\n`);
    },
  };
}

const ls: Command = {
  name: 'ratings ls',
  summary: 'Lists ratings, newest first.',
  help: `[--task ID] [--run ID] [--limit N]

  --task ID   only ratings of this task and its runs
  --run ID    only the rating of this run
  --limit N   at most N ratings (default 100)`,
  flags: { task: { type: 'string' }, run: { type: 'string' }, limit: { type: 'string' } },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const page = await client.call('ratings.list', {
      taskId: stringFlag(args.values, 'task'),
      runId: stringFlag(args.values, 'run'),
      limit: intFlag(this.name, args.values, 'limit'),
    });
    if (out.json) return printJson(out, page);
    const rows = page.items.map((r) => [
      clip(r.taskTitle, 32),
      r.runId ?? '(task)',
      `${r.quality}/5`,
      `${r.timeliness}/5`,
      clip(r.notes, 40),
      time(out, r.updatedAt),
    ]);
    out.write(`${table(out, ['TASK', 'RUN', 'QUALITY', 'TIMELINESS', 'NOTES', 'RATED'], rows)}\n`);
    if (page.total > page.items.length) out.write(`${page.items.length} of ${page.total} ratings shown.\n`);
  },
};

const exportCommand: Command = {
  name: 'ratings export',
  summary: 'Prints every rating as CSV (default) or JSON, for a spreadsheet or a script.',
  help: `[--format csv|json] [--task ID]

  --format FMT  csv (default) or json
  --task ID     only ratings of this task and its runs

Example: ridgeline ratings export > ratings.csv`,
  flags: { format: { type: 'string' }, task: { type: 'string' } },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const format = stringFlag(args.values, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') {
      throw usageError(this.name, `ridgeline ${this.name}: --format must be csv or json, not "${format}".`);
    }
    const exported = await client.call('ratings.export', { format, taskId: stringFlag(args.values, 'task') });
    if (out.json) return printJson(out, exported);
    out.write(exported.content);
  },
};

export const ratingsGroup: Group = {
  name: 'ratings',
  summary: 'Ratings of runs and tasks (rate with `runs rate` and `tasks rate`).',
  commands: [ls, exportCommand],
};

const criterionStyles = { met: 'green', unmet: 'red', judged: 'blue', not_checked: 'dim' } as const;

/** The criteria results, completion summary and rating of a run, for `runs show`. */
export function feedbackText(out: Output, details: CallOutput<'runs.get'>): string {
  const parts: string[] = [];
  const { assessment, rating } = details;
  if (assessment && assessment.criteria.length > 0) {
    const rows = assessment.criteria.map((c) => [
      clip(c.criterion, 48),
      paint(out, criterionStyles[c.status], c.status.replace('_', ' ')),
      clip(c.detail ?? '', 48),
    ]);
    parts.push(`${heading(out, 'Success criteria')}\n${table(out, ['CRITERION', 'RESULT', 'WHY'], rows)}`);
  }
  if (assessment?.summary) parts.push(`${heading(out, 'Summary')}\n${assessment.summary}`);
  if (rating) {
    parts.push(
      `${heading(out, 'Rating')}\n${fields([
        ['Quality', `${rating.quality}/5`],
        ['Timeliness', `${rating.timeliness}/5`],
        ['Notes', rating.notes || '-'],
      ])}`,
    );
  }
  return parts.map((p) => `\n${p}\n`).join('');
}
