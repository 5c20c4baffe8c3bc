// Task webhooks on the real headless host (a child process), with the secret in a real
// gnome-keyring: signed deliveries run with their body as params, and every bad delivery is a
// clear 4xx that starts nothing.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startKeyringHost, type KeyringHost } from '../helpers/keyring-host';

type WireRun = { id: string; taskId: string; trigger: string; status: string };
type ErrorBody = { code: string; message: string; details: { issues?: { path: string }[] } };
type Hook = { taskId: string; enabled: boolean; path: string; header: string; secret?: string };
type Details = { run: WireRun; params: Record<string, unknown> };

const sign = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('task webhooks on the headless host', () => {
  let host: KeyringHost;
  let taskId: string;
  let otherTaskId: string;
  const secrets: string[] = [];

  const deliver = async (id: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${host.baseUrl}/hooks/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as WireRun & ErrorBody };
  };
  const runCount = async (): Promise<number> =>
    (await callApi<{ items: unknown[] }>(host, 'runs.list', { taskId })).body.items.length;

  beforeAll(async () => {
    host = await startKeyringHost();
    const pipeline = {
      params: { repo: { type: 'string', required: true }, depth: { type: 'number', default: 1 } },
      steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'repo=${params.repo} depth=${params.depth}'] } }],
    };
    const created = await callApi(host, 'tasks.create', { title: 'Hooked', pipeline, params: { repo: 'stored' } });
    expect(created.status).toBe(200);
    taskId = created.body.id as string;
    otherTaskId = (await callApi<{ id: string }>(host, 'tasks.create', { title: 'No hook' })).body.id;
  });
  afterAll(async () => host?.stop());

  it('shows the secret once, when the webhook is enabled', async () => {
    const enabled = await callApi<Hook>(host, 'tasks.webhook', { id: taskId, action: 'enable' });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({
      taskId,
      enabled: true,
      path: `/hooks/${taskId}`,
      header: 'X-Ridgeline-Signature',
    });
    expect(enabled.body.secret).toMatch(/^rlwh_[0-9a-f]{64}$/);
    secrets.push(enabled.body.secret!);
    const status = await callApi(host, 'tasks.webhook', { id: taskId });
    expect(status.body).toEqual({ taskId, enabled: true, path: `/hooks/${taskId}`, header: 'X-Ridgeline-Signature' });
    const again = await callApi(host, 'tasks.webhook', { id: taskId, action: 'enable' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toContain(secrets[0]);
  });

  it('runs the task with the signed body as params, with trigger webhook and no API token', async () => {
    const body = JSON.stringify({ repo: 'ridgeline', depth: 3 });
    const queued = await deliver(taskId, body, { 'X-Ridgeline-Signature': sign(secrets[0]!, body) });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ taskId, trigger: 'webhook', status: 'queued' });
    let details: Partial<Details> = {};
    for (let i = 0; i < 100 && details.run?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      details = (await callApi<Details>(host, 'runs.get', { id: queued.body.id })).body;
    }
    expect(details.run?.status).toBe('succeeded');
    expect(details.params).toEqual({ repo: 'ridgeline', depth: 3 });
    const logs = (await callApi<{ message: string }[]>(host, 'runs.logs', { id: queued.body.id })).body;
    expect(logs.map((l) => l.message).join('\n')).toContain('repo=ridgeline depth=3');
  });

  it('refuses a wrong or missing signature without saying what was expected, and starts nothing', async () => {
    const before = await runCount();
    const body = JSON.stringify({ repo: 'x' });
    const wrong = await deliver(taskId, body, { 'X-Ridgeline-Signature': sign('not-the-secret', body) });
    expect(wrong).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: 'The webhook signature does not match.', details: {} },
    });
    // The right signature of another body is as wrong.
    const other = await deliver(taskId, body, { 'X-Ridgeline-Signature': sign(secrets[0]!, '{"repo":"y"}') });
    expect(other.status).toBe(401);
    const missing = await deliver(taskId, body);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toContain('X-Ridgeline-Signature');
    expect(await runCount()).toBe(before);
  });

  it('answers bad JSON, bad params, a body too big, unknown tasks and tasks without a webhook with a 4xx', async () => {
    const before = await runCount();
    const signed = (body: string) => deliver(taskId, body, { 'X-Ridgeline-Signature': sign(secrets[0]!, body) });

    const badJson = await signed('{"repo": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toMatch(/^The webhook body is not valid JSON/);

    expect((await signed('[1, 2]')).body.message).toMatch(/must be a JSON object of params/);

    const badParams = await signed(JSON.stringify({ repo: 'x', depth: 'deep', colour: 'red' }));
    expect(badParams.status).toBe(400);
    expect(badParams.body.details.issues!.map((i) => i.path).sort()).toEqual(['params.colour', 'params.depth']);

    const big = JSON.stringify({ repo: 'x'.repeat(300 * 1024) });
    const tooBig = await signed(big);
    expect(tooBig.status).toBe(413);

    const unknown = await deliver('no-such-task', '{}', { 'X-Ridgeline-Signature': sign(secrets[0]!, '{}') });
    expect(unknown.status).toBe(404);
    const noHook = await deliver(otherTaskId, '{}', { 'X-Ridgeline-Signature': sign(secrets[0]!, '{}') });
    expect(noHook).toMatchObject({ status: 404, body: { message: `Task ${otherTaskId} has no webhook enabled.` } });

    const get = await fetch(`${host.baseUrl}/hooks/${taskId}`);
    expect(get.status).toBe(405);
    expect(await runCount()).toBe(before);
  });

  it('rotating invalidates the old secret, and disabling refuses every delivery', async () => {
    const rotated = await callApi<Hook>(host, 'tasks.webhook', { id: taskId, action: 'rotate' });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret!;
    expect(fresh).not.toBe(secrets[0]);
    secrets.push(fresh);
    const body = JSON.stringify({ repo: 'rotated' });
    expect((await deliver(taskId, body, { 'X-Ridgeline-Signature': sign(secrets[0]!, body) })).status).toBe(401);
    expect((await deliver(taskId, body, { 'X-Ridgeline-Signature': sign(fresh, body) })).status).toBe(202);

    const disabled = await callApi(host, 'tasks.webhook', { id: taskId, action: 'disable' });
    expect(disabled.body).toMatchObject({ enabled: false });
    expect((await deliver(taskId, body, { 'X-Ridgeline-Signature': sign(fresh, body) })).status).toBe(404);
    expect((await callApi(host, 'tasks.webhook', { id: taskId, action: 'rotate' })).status).toBe(409);
  });

  it("deletes a deleted task's webhook secret from the keychain", async () => {
    const task = await callApi<{ id: string }>(host, 'tasks.create', { title: 'Short-lived' });
    await callApi(host, 'tasks.webhook', { id: task.body.id, action: 'enable' });
    const names = async () => (await callApi<{ name: string }[]>(host, 'secrets.list', {})).body.map((s) => s.name);
    expect(await names()).toContain(`webhook.${task.body.id}`);
    expect((await callApi(host, 'tasks.delete', { id: task.body.id })).status).toBe(200);
    expect(await names()).not.toContain(`webhook.${task.body.id}`);
  });

  it('keeps the secrets out of every file of the data directory', async () => {
    const timeline = (await callApi<{ items: { summary: string }[] }>(host, 'events.list', { taskId })).body.items;
    expect(timeline.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Enabled the webhook of "Hooked"', 'Rotated the webhook secret of "Hooked"']),
    );
    await host.stop();
    for (const file of filesUnder(host.dataDir)) {
      const text = readFileSync(file);
      for (const secret of secrets) expect(text.includes(secret), file).toBe(false);
    }
  });
});
