// `ridgeline tasks export|import`: one task as YAML in the shape of the gallery's templates
// (resources/templates/*), which is the tasks.create input; ids, status and history stay behind.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { CallInput, Task } from '../../core/api/contract';
import { requiredArg, stringFlag } from './args';
import type { Command } from './command';
import { readDataFile } from './input-files';
import { printJson, time } from './output';

/** The fields a task is re-created from; project and dependency ids mean nothing on another machine. */
const portableFields = [
  'title',
  'description',
  'taskType',
  'priority',
  'schedule',
  'misfirePolicy',
  'timeoutMs',
  'concurrencyKey',
  'maxConcurrentRuns',
  'overlapPolicy',
  'retryPolicy',
  'notificationPolicy',
  'budgetUsd',
  'successCriteria',
  'deadline',
  'estimatedHours',
  'pipeline',
] as const satisfies readonly (keyof Task & keyof CallInput<'tasks.create'>)[];

export function portableTask(task: Task): Record<string, unknown> {
  return Object.fromEntries(portableFields.map((f) => [f, task[f]]).filter(([, value]) => value !== null));
}

export const exportCommand: Command = {
  name: 'tasks export',
  summary: 'Writes a task as YAML (the shape of the gallery templates) that tasks import reads back.',
  help: `<task id> [--out FILE]

  --out FILE  write to FILE instead of stdout`,
  flags: { out: { type: 'string' } },
  async run(args, { client, out }) {
    const task = await client.call('tasks.get', { id: requiredArg(this.name, args, 'task id') });
    const portable = portableTask(task);
    const text = out.json ? `${JSON.stringify(portable, null, 2)}\n` : stringify(portable);
    const file = stringFlag(args.values, 'out');
    if (file === undefined) return out.write(text);
    writeFileSync(file, text);
  },
};

export const importCommand: Command = {
  name: 'tasks import',
  summary: 'Creates a task from a YAML or JSON file written by tasks export (or a gallery template).',
  help: `<FILE>   ("-" reads stdin)`,
  flags: {},
  async run(args, { client, out }) {
    const file = requiredArg(this.name, args, 'file');
    const input = readDataFile(this.name, 'file', file) as CallInput<'tasks.create'>;
    const task = await client.call('tasks.create', input);
    if (out.json) return printJson(out, task);
    out.write(`Imported task ${task.id} "${task.title}". Next run: ${time(out, task.nextRunAt)}\n`);
  },
};
