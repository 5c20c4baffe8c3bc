import { afterEach, describe, expect, it } from 'vitest';
import { desktopRole } from '../../../src-main/desktop/host-mode';
import { probeHost, remoteApi } from '../../../src-main/desktop/remote-api';
import { createLogger } from '../../../src-main/core/lib/logger';
import { Redactor } from '../../../src-main/core/lib/redact';
import type { PushMessage } from '../../../src-main/core/api/contract';
import { startHeadlessHost, type HeadlessHost } from '../../helpers/headless-host';
import { makeTempDir } from '../../helpers/temp-dir';

const record = { pid: 4242, port: 7788, url: 'http://127.0.0.1:7788', startedAt: '2026-11-24T15:00:00.000Z' };

describe('the desktop app with a host already running', () => {
  it('becomes its client when it answers: the board loads the host page with the token', () => {
    expect(desktopRole({ record, answering: true, token: 'tok+/=' })).toEqual({
      kind: 'client',
      hostUrl: 'http://127.0.0.1:7788',
      boardUrl: 'http://127.0.0.1:7788/?token=tok%2B%2F%3D',
      pid: 4242,
      token: 'tok+/=',
    });
  });

  it('runs its own runtime when no host runs, the host does not answer, or the token is unreadable', () => {
    expect(desktopRole({ record: undefined, answering: false, token: 'tok' })).toEqual({ kind: 'own' });
    expect(desktopRole({ record, answering: false, token: 'tok' })).toEqual({ kind: 'own' });
    expect(desktopRole({ record, answering: true, token: undefined })).toEqual({ kind: 'own' });
  });
});

let host: HeadlessHost | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

describe('probing and reading a real headless host', () => {
  it('finds the host answering, and the tray API reads and hears it over HTTP', async () => {
    const dataDir = makeTempDir();
    expect(desktopRole(await probeHost(dataDir))).toEqual({ kind: 'own' });
    host = await startHeadlessHost({ dataDir });
    const role = desktopRole(await probeHost(dataDir));
    expect(role).toMatchObject({ kind: 'client', hostUrl: host.baseUrl, pid: host.pid, token: host.token });

    const logger = createLogger({ sinks: [], redactor: new Redactor(), now: Date.now });
    const api = remoteApi(dataDir, logger);
    try {
      const heard: PushMessage[] = [];
      api.subscribe((m) => heard.push(m));
      const deadline = Date.now() + 10_000;
      // The stream is subscribed once the host pushes what a create causes.
      let task: { id: string } | undefined;
      while (!heard.some((m) => m.event === 'task:updated') && Date.now() < deadline) {
        task ??= await api.call('tasks.create', { title: 'From the tray' });
        await api.call('tasks.update', { id: task.id, description: String(Date.now()) });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(heard.some((m) => m.event === 'task:updated')).toBe(true);
      expect((await api.call('tasks.list', {})).items.map((t) => t.title)).toEqual(['From the tray']);
    } finally {
      api.close();
    }
  });
});
