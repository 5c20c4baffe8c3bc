// The headless host's socket listens before its app is wired: requests that arrive in between must
// wait and then be answered, not refused or dropped. Real sockets on loopback.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type Listener } from '../../../src-main/server/listener';
import { AppError } from '../../../src-main/core/lib/errors';

const open: Listener[] = [];
afterEach(async () => {
  for (const listener of open.splice(0)) await listener.close();
});

function post(baseUrl: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/echo`, { method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the early listener', () => {
  it('holds requests that arrive before the app is ready and answers them, bodies whole, once it is', async () => {
    const listener = await listen({ port: 0 });
    open.push(listener);
    expect(listener.baseUrl).toBe(`http://127.0.0.1:${listener.port}`);
    const early = [post(listener.baseUrl, 'first'), post(listener.baseUrl, 'second')];
    // Both requests reach the server and wait there: none is answered before serve().
    let answered = false;
    void Promise.race(early).then(() => (answered = true));
    while ((await new Promise<number>((done) => listener.server.getConnections((_e, n) => done(n)))) < 2) {
      await new Promise((done) => setTimeout(done, 5));
    }
    await new Promise((done) => setTimeout(done, 100));
    expect(answered).toBe(false);

    listener.serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => res.end(`echo ${body}`));
    });
    expect(await Promise.all(early)).toEqual([
      { status: 200, text: 'echo first' },
      { status: 200, text: 'echo second' },
    ]);
    expect(await post(listener.baseUrl, 'later')).toEqual({ status: 200, text: 'echo later' });
  });

  it('refuses a port in use with a conflict naming the port and how to choose another', async () => {
    const first = await listen({ port: 0 });
    open.push(first);
    const error = await listen({ port: first.port }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AppError.isInstance(error) && error.code).toBe('conflict');
    expect((error as Error).message).toContain(`Port ${first.port} on 127.0.0.1 is already in use`);
  });
});
