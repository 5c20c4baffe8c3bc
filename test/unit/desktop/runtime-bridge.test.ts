// The desktop host's Electron-free parts against a real runtime on a real SQLite file: the IPC
// invoke handler (the tray's summary has its own tests in tray-summary.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/lib/logger';
import { Redactor } from '../../../src-main/core/lib/redact';
import { createInvokeHandler } from '../../../src-main/desktop/invoke-handler';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../src-main/desktop/security';
import { startedTestRuntime, type TestRuntime } from '../../helpers/test-runtime';

let current: TestRuntime | undefined;
afterEach(async () => {
  await current?.runtime.stop();
  current = undefined;
});

async function setUp() {
  current = await startedTestRuntime();
  const logLines: string[] = [];
  const logger = createLogger({ sinks: [{ write: (l) => logLines.push(l) }], redactor: new Redactor(), now: () => 0 });
  const handle = createInvokeHandler({ invoke: current.runtime.api.invoke, appOrigin: APP_ORIGIN, logger });
  return { runtime: current.runtime, handle, logLines };
}

const board = { frameUrl: APP_ENTRY_URL, fromAppWindow: true, fromMainFrame: true };

describe('IPC invoke handler', () => {
  it('runs a call from the board and returns its value', async () => {
    const { handle } = await setUp();
    const result = await handle(board, 'tasks.create', { title: 'Morning digest' });
    expect(result).toMatchObject({ ok: true, value: { title: 'Morning digest', status: 'pending' } });
  });

  it('refuses a sender that is not the board without touching the runtime, and logs it', async () => {
    const { handle, runtime, logLines } = await setUp();
    const result = await handle({ ...board, frameUrl: 'https://example.com/' }, 'tasks.create', { title: 'Injected' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Only the Ridgeline board may call the Ridgeline API over IPC.',
        details: {},
      },
    });
    expect((await runtime.api.call('tasks.list', {})).total).toBe(0);
    expect(logLines.join('\n')).toContain('Refused an IPC call');
  });

  it('returns validation errors as data, with the field named', async () => {
    const { handle } = await setUp();
    const result = await handle(board, 'tasks.create', { title: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation_failed');
    expect(result.error.message).toContain('title');
  });

  it('returns unknown calls and non-string names as errors instead of throwing across IPC', async () => {
    const { handle } = await setUp();
    expect(await handle(board, 'tasks.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await handle(board, 42, {})).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
