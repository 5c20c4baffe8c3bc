// GET /api/events: the runtime's push events as server-sent events, one stream per open board.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RuntimeApi } from '../core/runtime';

const SSE_KEEPALIVE_MS = 15_000;

/** The open streams, so closing the host ends them instead of cutting them. */
export type OpenStreams = Set<() => void>;

export function streamEvents(c: Context, api: RuntimeApi, open: OpenStreams): Response {
  const response = streamSSE(c, async (stream) => {
    // A write to a stream the board already left fails; the abort below cleans up after it.
    const send = (text: string): void => void stream.write(text).catch(() => undefined);
    send('retry: 2000\n: connected\n\n');
    const unsubscribe = api.subscribe((message) => {
      send(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
    });
    const keepalive = setInterval(() => send(': keepalive\n\n'), SSE_KEEPALIVE_MS);
    let end = (): void => undefined;
    await new Promise<void>((ended) => {
      end = ended;
      open.add(end);
      stream.onAbort(end);
    }).finally(() => {
      open.delete(end);
      clearInterval(keepalive);
      unsubscribe();
    });
  });
  response.headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Accel-Buffering', 'no');
  return response;
}
