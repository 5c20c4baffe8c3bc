// Forged deliveries to a task's webhook on the real headless host (secrets in a real
// gnome-keyring): after the task's budget of bad signatures the host answers 429 with Retry-After
// and starts nothing, while signed deliveries to other tasks still run.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startKeyringHost, type KeyringHost } from '../helpers/keyring-host';

const sign = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook bad-signature limits on the headless host', () => {
  let host: KeyringHost;
  const hooks: Record<string, { id: string; secret: string }> = {};

  const deliver = (id: string, body: string, signature: string) =>
    fetch(`${host.baseUrl}/hooks/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ridgeline-Signature': signature },
      body,
    });

  beforeAll(async () => {
    host = await startKeyringHost();
    for (const title of ['Attacked', 'Neighbour']) {
      const id = (await callApi<{ id: string }>(host, 'tasks.create', { title })).body.id;
      const enabled = await callApi<{ secret: string }>(host, 'tasks.webhook', { id, action: 'enable' });
      hooks[title] = { id, secret: enabled.body.secret };
    }
  });
  afterAll(async () => host?.stop());

  it('answers 429 with Retry-After once a task has had ten bad signatures in a minute', async () => {
    const { id } = hooks.Attacked!;
    const body = '{}';
    for (let i = 0; i < 10; i++) {
      expect((await deliver(id, body, sign('not the secret', body))).status).toBe(401);
    }
    const limited = await deliver(id, body, sign('not the secret', body));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: retryAfter } });
    const runs = await callApi<{ items: unknown[] }>(host, 'runs.list', { taskId: id });
    expect(runs.body.items).toHaveLength(0);
  });

  it('still runs a signed delivery to another task at once', async () => {
    const { id, secret } = hooks.Neighbour!;
    const body = '{}';
    const response = await deliver(id, body, sign(secret, body));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ taskId: id, trigger: 'webhook' });
  });
});
