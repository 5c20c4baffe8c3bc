// The OpenAPI document of the real headless host (a child process): served behind the token, valid
// JSON Schema throughout, and the live answers of the main calls match the schemas it gives.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../src-main/core/api/contract';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { callApi } from '../helpers/keyring-host';

type Operation = {
  requestBody: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { content?: { 'application/json'?: { schema: object } } }>;
};
type OpenApi = {
  openapi: string;
  paths: Record<string, { post?: Operation }>;
  components: { schemas: { Error: object } };
};

describe('the OpenAPI document', () => {
  let host: HeadlessHost;
  let doc: OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();

  function responseValidator(call: string, status = '200'): ValidateFunction {
    const key = `${call} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      const schema = doc.paths[`/api/${call}`]!.post!.responses[status]!.content!['application/json']!.schema;
      validate = ajv.compile(schema);
      validators.set(key, validate);
    }
    return validate;
  }

  /** Calls the live host and checks the answer against the document; returns the answer. */
  async function checked<T = Record<string, unknown>>(call: string, input: unknown): Promise<T> {
    const answer = await callApi<T>(host, call, input);
    const validate = answer.status === 200 ? responseValidator(call) : ajv.compile(doc.components.schemas.Error);
    const input_ = ajv.compile(doc.paths[`/api/${call}`]!.post!.requestBody.content['application/json'].schema);
    // The document's input schema agrees with the API: what the API refuses as invalid, it refuses too.
    expect(input_(input), `${call} input: ${ajv.errorsText(input_.errors)}`).toBe(answer.status !== 400);
    expect(validate(answer.body), `${call} answer: ${ajv.errorsText(validate.errors)}`).toBe(true);
    return answer.body;
  }

  beforeAll(async () => {
    host = await startHeadlessHost();
    const response = await fetch(`${host.baseUrl}/api/openapi.json`, {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApi;
  });
  afterAll(async () => host?.stop());

  it('needs the API token', async () => {
    expect((await fetch(`${host.baseUrl}/api/openapi.json`)).status).toBe(401);
  });

  it('is OpenAPI 3.1 with a POST for every call, each schema valid JSON Schema 2020-12', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const name of callNames) {
      const operation = doc.paths[`/api/${name}`]?.post;
      expect(operation, name).toBeDefined();
      expect(() => ajv.compile(operation!.requestBody.content['application/json'].schema), name).not.toThrow();
      expect(() => responseValidator(name), name).not.toThrow();
    }
    expect(doc.paths['/hooks/{id}']).toBeDefined();
  });

  it('describes the live answers of the main calls', async () => {
    const pipeline = {
      params: { who: { type: 'string', default: 'world' } },
      steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'hello ${params.who}'] } }],
    };
    const task = await checked<{ id: string }>('tasks.create', {
      title: 'Described',
      pipeline,
      schedule: { kind: 'cron', expr: '30 8 * * 1-5' },
      notificationPolicy: { onSuccess: true },
      budgetUsd: 1,
    });
    await checked('tasks.get', { id: task.id });
    await checked('tasks.list', {});
    await checked('tasks.update', { id: task.id, description: 'Says hello' });
    const run = await checked<{ id: string }>('tasks.trigger', { id: task.id, params: { who: 'api' } });
    for (let i = 0; i < 100; i++) {
      const details = await checked<{ run: { status: string } }>('runs.get', { id: run.id });
      if (details.run.status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await checked('runs.list', { taskId: task.id });
    await checked('runs.logs', { id: run.id });
    await checked('tasks.runNow', { id: task.id });
    await checked('queue.status', {});
    await checked('scheduler.status', {});
    await checked('usage.summary', { taskId: task.id });
    await checked('events.list', {});
    await checked('approvals.list', {});
    await checked('tasks.webhook', { id: task.id });
    const exported = await checked<{ yaml: string }>('tasks.export', {});
    await checked('tasks.import', { yaml: exported.yaml, dryRun: true });
    await checked('tasks.snooze', { id: task.id, action: 'delay', delayMinutes: 5 });
    const ledger = await checked<{ items: unknown[] }>('tasks.occurrences', {
      id: task.id,
      from: '2000-01-01T00:00:00Z',
      to: '2100-01-01T00:00:00Z',
    });
    expect(ledger.items).toHaveLength(1);
    const overview = await checked<{ tasks: number }>('occurrences.summary', {
      from: '2000-01-01T00:00:00Z',
      to: '2100-01-01T00:00:00Z',
    });
    expect(overview.tasks).toBe(1);
    await checked('tasks.pause', { id: task.id });
    await checked('tasks.snooze', { id: task.id, action: 'skip_next' });
    await checked('app.info', {});
    await checked('mcp.importConfig', {
      text: JSON.stringify({ mcpServers: { files: { command: 'files-mcp', env: { FILES_TOKEN: 'tok-1234' } } } }),
    });
    await checked('tasks.progress', { taskId: task.id });
    await checked('tasks.resetContext', { taskId: task.id });
    await checked('tasks.context', { taskId: task.id });
    // Errors match the Error schema too.
    await checked('tasks.get', { id: 'no-such-task' });
    await checked('tasks.create', { title: '' });
    await checked('tasks.delete', { id: task.id });
  });
});
