// `ridgeline usage`: tokens and cost, by model, day and task, and where the budgets stand.
import { noArgs, stringFlag } from './args';
import type { Command } from './command';
import { heading, money, printJson, table } from './output';

export const usageCommand: Command = {
  name: 'usage',
  summary: 'Shows token usage and cost, by model, day and task, and the budgets.',
  help: `[--from ISO] [--to ISO] [--task ID]

  --from ISO  from this instant, e.g. 2026-11-01T00:00:00-06:00
  --to ISO    until this instant
  --task ID   only this task's usage`,
  flags: { from: { type: 'string' }, to: { type: 'string' }, task: { type: 'string' } },
  async run(args, { client, out }) {
    noArgs(this.name, args);
    const summary = await client.call('usage.summary', {
      from: stringFlag(args.values, 'from'),
      to: stringFlag(args.values, 'to'),
      taskId: stringFlag(args.values, 'task'),
    });
    if (out.json) return printJson(out, summary);
    const t = summary.totals;
    out.write(
      `${heading(out, 'Total')}: ${money(t.costUsd)} in ${t.calls} calls (${t.failedCalls} failed), ` +
        `${t.inputTokens} input and ${t.outputTokens} output tokens\n`,
    );
    const models = summary.byModel.map((m) => [
      m.provider,
      m.model,
      String(m.calls),
      String(m.inputTokens),
      String(m.outputTokens),
      money(m.costUsd),
    ]);
    out.write(
      `\n${heading(out, 'By model')}\n${table(out, ['PROVIDER', 'MODEL', 'CALLS', 'IN', 'OUT', 'COST'], models)}\n`,
    );
    const days = summary.byDay.slice(-14).map((d) => [d.day, String(d.calls), money(d.costUsd)]);
    out.write(`\n${heading(out, `By day (${summary.timezone})`)}\n${table(out, ['DAY', 'CALLS', 'COST'], days)}\n`);
    const tasks = summary.byTask
      .slice(0, 10)
      .map((k) => [k.title ?? k.taskId ?? '(no task)', String(k.calls), money(k.costUsd)]);
    out.write(`\n${heading(out, 'By task')}\n${table(out, ['TASK', 'CALLS', 'COST'], tasks)}\n`);
    const budgets = summary.budgets.map((b) => [b.label, b.period, money(b.spentUsd), money(b.limitUsd)]);
    out.write(`\n${heading(out, 'Budgets')}\n${table(out, ['BUDGET', 'PERIOD', 'SPENT', 'LIMIT'], budgets)}\n`);
  },
};
