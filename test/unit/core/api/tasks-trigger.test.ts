import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';
import { signWebhookBody, webhookSignatureMatches } from '../../../../src-main/core/webhooks/signature';

let t: TestRuntime;
afterEach(async () => t?.runtime.stop());

const pipeline = {
  params: { repo: { type: 'string', required: true }, depth: { type: 'number', default: 1 } },
  steps: [{ id: 'pause', uses: 'wait', with: { ms: 0 } }],
};

describe('tasks.trigger', () => {
  it('queues a run with the stored params overridden by the given ones, as manual unless an agent asks', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Triggered', pipeline, params: { repo: 'stored' } });
    const manual = await t.runtime.api.call('tasks.trigger', { id: task.id, params: { depth: 2 } });
    expect(manual).toMatchObject({ taskId: task.id, trigger: 'manual', status: 'queued' });
    expect((await t.runtime.api.call('runs.get', { id: manual.id })).params).toEqual({ repo: 'stored', depth: 2 });
    const agent = await t.runtime.api.call('tasks.trigger', { id: task.id, trigger: 'agent' });
    expect(agent.trigger).toBe('agent');
    const timeline = await t.runtime.api.call('events.list', { taskId: task.id });
    expect(timeline.items.map((e) => e.summary)).toContain('Queued "Triggered" for an agent');
  });

  it('refuses params of the wrong type or name with their paths, an unknown task, and the webhook trigger', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'Strict', pipeline, params: { repo: 'x' } });
    const wrong = await appErrorOf(t.runtime.api.call('tasks.trigger', { id: task.id, params: { depth: 'deep' } }));
    expect(wrong.details.issues).toEqual([{ path: 'params.depth', message: expect.stringMatching(/number/) }]);
    expect((await appErrorOf(t.runtime.api.call('tasks.trigger', { id: 'nope' }))).code).toBe('not_found');
    // Only a signed delivery may claim to come from the webhook.
    const claimed = await appErrorOf(t.runtime.api.invoke('tasks.trigger', { id: task.id, trigger: 'webhook' }));
    expect(claimed.details.issues).toEqual([{ path: 'trigger', message: expect.any(String) }]);
  });

  it('refuses enabling a webhook where no keychain can store its secret, naming the variable to set', async () => {
    t = await startedTestRuntime();
    const task = await t.runtime.api.call('tasks.create', { title: 'No keychain' });
    const refused = await appErrorOf(t.runtime.api.call('tasks.webhook', { id: task.id, action: 'enable' }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain(`RIDGELINE_SECRET_WEBHOOK_${task.id.toUpperCase().replace(/-/g, '_')}`);
    expect(await t.runtime.api.call('tasks.webhook', { id: task.id })).toMatchObject({ enabled: false });
  });
});

describe('webhook signatures', () => {
  it('match only the same body signed with the same secret, in either hex case', () => {
    const signature = signWebhookBody('s3cret', '{"a":1}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(webhookSignatureMatches('s3cret', '{"a":1}', signature)).toBe(true);
    expect(webhookSignatureMatches('s3cret', '{"a":1}', signature.toUpperCase().replace('SHA256', 'sha256'))).toBe(
      true,
    );
    expect(webhookSignatureMatches('s3cret', '{"a":2}', signature)).toBe(false);
    expect(webhookSignatureMatches('other', '{"a":1}', signature)).toBe(false);
    expect(webhookSignatureMatches('s3cret', '{"a":1}', signature.slice(0, -1))).toBe(false);
  });
});
