// `ridgeline tasks export|import`: tasks as YAML in the shape of the gallery's templates
// (resources/templates/*), through tasks.export and tasks.import, which the board and MCP clients
// share; ids, status history and times stay behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { TaskImportIssue } from '../../core/api/contract';
import { stringFlag } from './args';
import type { Command } from './command';
import { usageError } from './errors';
import { printJson } from './output';

export const exportCommand: Command = {
  name: 'tasks export',
  summary: 'Writes tasks as YAML (the shape of the gallery templates) that tasks import reads back.',
  help: `[<task id>...] [--project ID | --all] [--out FILE]

  <task id>     the tasks to export (one YAML document each)
  --project ID  every task of a project
  --all         every task
  --out FILE    write to FILE instead of stdout
  --json        print the tasks as a JSON array instead (one object for one task id)`,
  flags: { out: { type: 'string' }, project: { type: 'string' }, all: { type: 'boolean' } },
  async run(args, { client, out }) {
    const ids = args.positionals;
    const projectId = stringFlag(args.values, 'project');
    const all = args.values.all === true;
    if ([ids.length > 0, projectId !== undefined, all].filter(Boolean).length !== 1) {
      throw usageError(this.name, `ridgeline ${this.name}: give task ids, --project ID or --all (one of them).`);
    }
    const exported = await client.call('tasks.export', {
      ...(ids.length > 0 ? { ids } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
    });
    let text = exported.yaml;
    if (out.json) {
      const documents = parseAllDocuments(exported.yaml).map((d) => d.toJS() as unknown);
      text = `${JSON.stringify(ids.length === 1 ? documents[0] : documents, null, 2)}\n`;
    }
    const file = stringFlag(args.values, 'out');
    if (file === undefined) return out.write(text);
    writeFileSync(file, text);
  },
};

function describeIssue(issue: TaskImportIssue): string {
  const where = [
    issue.file ?? 'input',
    `document ${issue.document + 1}`,
    ...(issue.title ? [`"${issue.title}"`] : []),
  ].join(', ');
  return `  ${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

export const importCommand: Command = {
  name: 'tasks import',
  summary: 'Creates the tasks of YAML or JSON files written by tasks export (or gallery templates), all or none.',
  help: `<FILE>... [--dry-run] [--project ID]   ("-" reads stdin)

  --dry-run     check every file and create nothing
  --project ID  the project the imported tasks join`,
  flags: { 'dry-run': { type: 'boolean' }, project: { type: 'string' } },
  async run(args, { client, out }) {
    if (args.positionals.length === 0) throw usageError(this.name, `ridgeline ${this.name}: give the file to import.`);
    const files = args.positionals.map((file) => {
      try {
        return { file, text: readFileSync(file === '-' ? 0 : file, 'utf8') };
      } catch (error) {
        throw usageError(this.name, `ridgeline ${this.name}: file ${file}: ${(error as Error).message}`);
      }
    });
    const projectId = stringFlag(args.values, 'project');
    const dryRun = args.values['dry-run'] === true;
    // Every file is checked before any is imported, so several files are all or none too.
    const checks = await Promise.all(
      files.map(({ file, text }) => client.call('tasks.import', { yaml: text, file, dryRun: true, projectId })),
    );
    const issues = checks.flatMap((c) => c.issues);
    if (issues.length > 0) {
      if (out.json) printJson(out, { ok: false, dryRun, created: [], issues });
      throw usageError(this.name, `ridgeline ${this.name}: nothing imported:\n${issues.map(describeIssue).join('\n')}`);
    }
    if (dryRun) {
      if (out.json) return printJson(out, { ok: true, dryRun, created: [], issues: [] });
      return out.write(`Every task in ${files.map((f) => f.file).join(', ')} can be imported.\n`);
    }
    const yaml = files.map((f) => f.text.replace(/\n?$/, '\n')).join('---\n');
    const result = await client.call('tasks.import', { yaml, projectId });
    if (out.json) return printJson(out, result);
    for (const task of result.created) out.write(`Imported task ${task.id} "${task.title}"\n`);
  },
};
