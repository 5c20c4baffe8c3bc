// `ridgeline tasks webhook`: a task's webhook, on, off, or with a new secret (printed this once).
import type { CallInput } from '../../core/api/contract';
import { webhookActions } from '../../core/api/task-io';
import { requiredArg } from './args';
import type { Command } from './command';
import { usageError } from './errors';
import { fields, printJson } from './output';

export const webhookCommand: Command = {
  name: 'tasks webhook',
  summary: "Shows, enables, rotates or disables a task's webhook (POST /hooks/<task id>).",
  help: `<task id> [status|enable|rotate|disable]

  enable and rotate print the new secret: it is shown this once, so keep it where the sender can use it`,
  flags: {},
  async run(args, { client, out }) {
    const [, action = 'status', ...extra] = args.positionals;
    const id = requiredArg(this.name, { ...args, positionals: args.positionals.slice(0, 1) }, 'task id');
    if (extra.length > 0) throw usageError(this.name, `ridgeline ${this.name}: unexpected argument "${extra[0]}".`);
    if (!(webhookActions as readonly string[]).includes(action)) {
      throw usageError(this.name, `ridgeline ${this.name}: "${action}" is not one of ${webhookActions.join(', ')}.`);
    }
    const hook = await client.call('tasks.webhook', { id, action } as CallInput<'tasks.webhook'>);
    if (out.json) return printJson(out, hook);
    out.write(
      fields([
        ['Webhook', hook.enabled ? `on: POST ${hook.path}` : 'off'],
        ['Signature', `${hook.header}: sha256=<hex HMAC-SHA256 of the body>`],
        ...(hook.secret ? ([['Secret', `${hook.secret}   (shown this once)`]] as [string, string][]) : []),
      ]) + '\n',
    );
  },
};
