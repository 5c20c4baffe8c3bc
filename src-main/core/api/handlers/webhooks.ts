// tasks.trigger, the one way a run is started from outside the board (CLI, MCP clients, webhooks),
// and a task's webhook: its secret (kept in the secret store, shown once) and signed deliveries.
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Redactor } from '../../lib/redact';
import type { SecretStore } from '../../ports';
import { assertNoParamIssues, missingParamIssues, paramValueIssues, parseParamValues } from '../../pipeline/run-params';
import {
  newWebhookSecret,
  WEBHOOK_PATH_PREFIX,
  WEBHOOK_SIGNATURE_HEADER,
  webhookSecretName,
  webhookSignatureMatches,
} from '../../webhooks/signature';
import type { ParsedInput, Run, RunTrigger } from '../contract';
import type { WebhookInfo } from '../task-io';
import type { HandlerContext } from './context';

export interface WebhookHandlerDeps {
  secrets: SecretStore;
  redactor: Redactor;
}

const triggerSummary: Partial<Record<RunTrigger, string>> = {
  manual: 'to run now',
  agent: 'for an agent',
  webhook: 'from its webhook',
};

export function createWebhookHandlers(context: HandlerContext, deps: WebhookHandlerDeps) {
  const { store, clock } = context;

  function trigger(id: string, given: Record<string, unknown>, how: RunTrigger, call: string): Run {
    return store.write((tx) => {
      const columns = store.tasks.columns(id);
      if (!columns) throw notFound('Task', id);
      const params = { ...parseParamValues(columns.params), ...given };
      assertNoParamIssues(
        [...paramValueIssues(columns.pipeline, given, store.redactor), ...missingParamIssues(columns.pipeline, params)],
        call,
      );
      const now = clock.now();
      const row = store.runs.insert(
        { id: newId(), taskId: id, trigger: how, scheduledFor: now, priority: columns.priority, params },
        now,
      );
      const run = store.runs.toApi(row);
      tx.record({
        type: 'run:queued',
        taskId: id,
        runId: run.id,
        summary: `Queued "${columns.title}" ${triggerSummary[how] ?? 'to run'}`,
        payload: { trigger: how },
      });
      tx.publish('run:queued', { run });
      return run;
    });
  }

  function info(taskId: string, enabled: boolean, secret?: string): WebhookInfo {
    return {
      taskId,
      enabled,
      path: `${WEBHOOK_PATH_PREFIX}${taskId}`,
      header: WEBHOOK_SIGNATURE_HEADER,
      ...(secret ? { secret } : {}),
    };
  }

  async function storeNewSecret(taskId: string): Promise<string> {
    const secret = newWebhookSecret();
    // Masked before it is stored, so no log line written from here on can show it.
    deps.redactor.addSecret(secret);
    await deps.secrets.set(webhookSecretName(taskId), secret);
    return secret;
  }

  function requireTask(id: string): string {
    const task = store.tasks.get(id);
    if (!task) throw notFound('Task', id);
    return task.title;
  }

  function recordChange(taskId: string, summary: string): void {
    store.write((tx) => tx.record({ type: 'task:webhook', taskId, summary }));
  }

  /** A deleted task's webhook secret goes with it; the store may be read-only (the environment). */
  async function forgetWebhook(taskId: string): Promise<void> {
    const name = webhookSecretName(taskId);
    if ((await deps.secrets.get(name)) === undefined) return;
    await deps.secrets.delete(name).catch(() => undefined);
  }

  return {
    forgetWebhook,
    'tasks.trigger': async ({ id, params, trigger: how }: ParsedInput<'tasks.trigger'>): Promise<Run> =>
      trigger(id, params ?? {}, how, 'tasks.trigger'),

    'tasks.webhook': async ({ id, action }: ParsedInput<'tasks.webhook'>): Promise<WebhookInfo> => {
      const title = requireTask(id);
      const name = webhookSecretName(id);
      const enabled = (await deps.secrets.get(name)) !== undefined;
      switch (action) {
        case 'status':
          return info(id, enabled);
        case 'enable': {
          if (enabled) {
            throw new AppError(
              'conflict',
              `"${title}" already has a webhook; its secret was shown when it was enabled. Rotate it to get a new one.`,
              { id },
            );
          }
          const secret = await storeNewSecret(id);
          recordChange(id, `Enabled the webhook of "${title}"`);
          return info(id, true, secret);
        }
        case 'rotate': {
          if (!enabled) throw new AppError('conflict', `"${title}" has no webhook to rotate; enable it first.`, { id });
          const secret = await storeNewSecret(id);
          recordChange(id, `Rotated the webhook secret of "${title}"`);
          return info(id, true, secret);
        }
        case 'disable':
          if (enabled) {
            await deps.secrets.delete(name);
            recordChange(id, `Disabled the webhook of "${title}"`);
          }
          return info(id, false);
        default: {
          const unreachable: never = action;
          return unreachable;
        }
      }
    },

    'webhooks.receive': async ({ id, body, signature }: ParsedInput<'webhooks.receive'>): Promise<Run> => {
      if (!store.tasks.get(id)) throw notFound('Task', id);
      const secret = await deps.secrets.get(webhookSecretName(id));
      if (secret === undefined) throw new AppError('not_found', `Task ${id} has no webhook enabled.`, { id });
      if (signature === undefined) {
        throw new AppError(
          'unauthorized',
          `The request needs a ${WEBHOOK_SIGNATURE_HEADER} header: sha256=<hex HMAC-SHA256 of the body with the webhook's secret>.`,
        );
      }
      // Says nothing of what was expected: a wrong signature teaches the sender nothing.
      if (!webhookSignatureMatches(secret, body, signature)) {
        throw new AppError('unauthorized', 'The webhook signature does not match.');
      }
      return trigger(id, paramsOfBody(body), 'webhook', 'webhook');
    },
  };
}

/** The body's JSON object, which becomes the run's params; an empty body means no params. */
function paramsOfBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new AppError('validation_failed', `The webhook body is not valid JSON: ${(error as Error).message}`, {
      issues: [{ path: '', message: 'is not valid JSON' }],
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('validation_failed', 'The webhook body must be a JSON object of params, e.g. {"repo": "x"}.', {
      issues: [{ path: '', message: 'must be a JSON object of params' }],
    });
  }
  return value as Record<string, unknown>;
}
