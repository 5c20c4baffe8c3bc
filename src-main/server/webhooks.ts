// POST /hooks/<task id>: a task's webhook. No API token here; the body's HMAC signature with the
// task's webhook secret is the credential, checked by the runtime (webhooks.receive).
import type { Context } from 'hono';
import type { RuntimeApi } from '../core/runtime';
import { WEBHOOK_MAX_BODY_BYTES, WEBHOOK_SIGNATURE_HEADER } from '../core/webhooks/signature';
import { HttpRefusal, readWithin, type BodyLimits } from './request-body';

export async function receiveWebhook(c: Context, api: RuntimeApi, limits: BodyLimits): Promise<Response> {
  const type = c.req.header('content-type') ?? 'application/json';
  if (!type.startsWith('application/json')) {
    throw new HttpRefusal(400, 'Webhook requests must have Content-Type: application/json.', {
      contentType: type.slice(0, 100),
    });
  }
  const raw = await readWithin(c.req.raw, {
    ...limits,
    maxBytes: Math.min(limits.maxBytes, WEBHOOK_MAX_BODY_BYTES),
  });
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpRefusal(400, 'The webhook body is not UTF-8 text, so it cannot be JSON.');
  }
  const signature = c.req.header(WEBHOOK_SIGNATURE_HEADER);
  const run = await api.invoke('webhooks.receive', {
    id: c.req.param('id'),
    body,
    ...(signature === undefined ? {} : { signature }),
  });
  return c.json(run as object, 202, { 'Cache-Control': 'no-store' });
}
