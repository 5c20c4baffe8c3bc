// http.request quotes the start of an unexpected response's body in its error, and may keep only the
// start of a long body: a known secret at either cut (the 500-character snippet, the byte cap) leaves
// no piece behind. Against a real HTTP server on 127.0.0.1 that sends the secret where asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../../../src-main/core/tools/http';
import { failureOf, testContext } from './tool-context';

const SECRET = 'xoxb-snip-8Jq4Tz1Wm6Cv3Ry';
const fragments = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));
const leaked = (text: string): string[] => fragments.filter((f) => text.includes(f));

let server: Server;
let base: string;

beforeAll(async () => {
  // GET /<status>/<offset>: a body with the secret starting at that character.
  server = createServer((req, res) => {
    const [, status, offset] = (req.url ?? '').split('/');
    res.writeHead(Number(status), { 'content-type': 'text/plain' });
    res.end(`${'a'.repeat(Number(offset))}${SECRET}${'b'.repeat(700)}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const around = (cut: number): number[] => [cut - SECRET.length, cut - 10, cut - 1, cut, cut + 1];

describe('http.request cuts with a secret at the cut', () => {
  it.each(around(500))('quotes a 500 body with no piece of a secret starting at %i', async (at) => {
    const t = testContext({ secrets: { key: SECRET } });
    const error = await failureOf(
      httpRequest.execute(httpRequest.input.parse({ url: `${base}/500/${at}` }), t.context),
    );
    expect(error.message).toContain('returned 500');
    expect(leaked(error.message)).toEqual([]);
  });

  it.each(around(300))(
    'keeps the start of a body cut at max_response_bytes with no piece of a secret at %i',
    async (at) => {
      const t = testContext({ secrets: { key: SECRET } });
      const input = httpRequest.input.parse({ url: `${base}/200/${at}`, response: 'text', max_response_bytes: 300 });
      const result = await httpRequest.execute(input, t.context);
      expect(result.truncated).toBe(true);
      expect(leaked(String(result.body))).toEqual([]);
    },
  );
});
