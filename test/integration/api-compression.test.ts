// A list page over HTTP is sent gzip-compressed to a client that asks for it, and as it is to one
// that does not; small answers are never compressed. Raw bytes read with node:http, which does not
// decompress, from the built headless host.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';

let host: HeadlessHost;
beforeAll(async () => {
  host = await startHeadlessHost();
});
afterAll(async () => host?.stop());

function post(name: string, input: unknown, acceptEncoding?: string) {
  const body = JSON.stringify(input);
  const url = new URL(`/api/${name}`, host.baseUrl);
  return new Promise<{ status: number; encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
          ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'],
            bytes: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('answers over HTTP', () => {
  it('sends a page of 100 tasks gzip-compressed, under 20 KB, to a client that asks', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 100; i++) {
      const created = await post('tasks.create', {
        title: `Nightly report ${i}`,
        tags: ['reports', `team-${i % 7}`],
        schedule: { kind: 'cron', expr: `${i % 60} 2 * * *`, timezone: 'America/Denver' },
        pipeline: { steps: [{ id: 'say', uses: 'shell.exec', with: { argv: ['echo', 'done'] } }] },
      });
      expect(created.status).toBe(200);
    }
    const plain = await post('tasks.list', { limit: 100 });
    expect(plain.encoding).toBeUndefined();
    const zipped = await post('tasks.list', { limit: 100 }, 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.bytes.length).toBeLessThan(20 * 1024);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 4);
    const page = JSON.parse(gunzipSync(zipped.bytes).toString('utf8')) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(100);
    expect(gunzipSync(zipped.bytes).equals(plain.bytes)).toBe(true);
    for (const refusing of ['gzip;q=0, br', 'identity', 'deflate']) {
      const answer = await post('tasks.list', { limit: 100 }, refusing);
      expect(answer.encoding, refusing).toBeUndefined();
      expect(answer.bytes.equals(plain.bytes), refusing).toBe(true);
    }
    expect((await post('tasks.list', { limit: 100 }, '*')).encoding).toBe('gzip');
  });

  it('sends a small answer as it is', async () => {
    const info = await post('app.info', {}, 'gzip');
    expect(info.status).toBe(200);
    expect(info.encoding).toBeUndefined();
    expect(JSON.parse(info.bytes.toString('utf8'))).toHaveProperty('version');
  });
});
