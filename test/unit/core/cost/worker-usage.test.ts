// An llm.generate step run by the worker on a real SQLite queue against a loopback Ollama server:
// the answer lands in run_logs, the call in api_usage, and its tokens on the run.
import { describe, expect, it } from 'vitest';
import { runDetails } from '../../../../src-main/core/queue/status';
import { server } from '../llm/llm-context';
import { addTask, drain, queueRun, startedQueue } from '../queue/worker-harness';

describe('model calls in a run', () => {
  it('streams the answer to the run log and meters the call against the run', async () => {
    const srv = await server('ollama', [
      { kind: 'text', text: 'Line one\nLine two', usage: { input: 64, output: 16 } },
    ]);
    const q = startedQueue();
    q.settings.update({ providers: { ollama: { baseUrl: srv.baseUrl, defaultModel: 'llama3.2' } } });
    const task = addTask(q, {
      pipeline: { steps: [{ id: 'draft', uses: 'llm.generate', with: { prompt: 'Write two lines' } }] },
    });
    const run = queueRun(q, task);

    await drain(q);

    expect(q.store.runs.get(run)).toMatchObject({ status: 'succeeded' });
    const details = runDetails(q.store, run);
    expect(details.steps[0]?.output).toMatchObject({ text: 'Line one\nLine two', provider: 'ollama', cost_usd: 0 });
    expect(details.logs.filter((l) => l.stepId === 'draft' && l.stream === 'stdout').map((l) => l.message)).toEqual([
      'Line one',
      'Line two',
    ]);
    const usage = q.store.db
      .prepare('SELECT provider, model, input_tokens, output_tokens, success FROM api_usage WHERE run_id = ?')
      .all(run);
    expect(usage).toEqual([{ provider: 'ollama', model: 'llama3.2', input_tokens: 64, output_tokens: 16, success: 1 }]);
    const totals = q.store.db.prepare('SELECT input_tokens AS i, output_tokens AS o FROM runs WHERE id = ?').get(run);
    expect(totals).toEqual({ i: 64, o: 16 });
  });
});
