// The headless host's routes on Hono: Host/Origin and token checks as middleware, the API
// contract at POST /api/<call name> (described at GET /api/openapi.json), push events at
// GET /api/events, task webhooks at POST /hooks/<task id>, the board everywhere else.
// Every request runs inside the app's error boundary; what escapes it is a JSON error, never a crash.
import { Hono, type Context } from 'hono';
import { gzipSync } from 'node:zlib';
import { AppError, toErrorPayload } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import { API_PREFIX, EVENTS_PATH, httpStatusFor } from '../core/api/transport';
import { originGuard, sessionCookie, tokenGuard, tokenMatches, type AccessPolicy } from './auth';
import { streamEvents, type OpenStreams } from './events';
import { HttpRefusal, readJsonBody, type BodyLimits } from './request-body';
import { securityHeaders, serveStatic } from './static-files';
import { receiveWebhook } from './webhooks';
import { createWebhookLimiter, DEFAULT_WEBHOOK_LIMITS, type WebhookLimitOptions } from './webhook-limits';
import { WEBHOOK_PATH_PREFIX } from '../core/webhooks/signature';
import type { McpHttpHandler } from '../mcp-server/http';

/** MCP over Streamable HTTP, behind the same token as the API. */
export const MCP_PATH = '/mcp';

export interface AppOptions {
  api: RuntimeApi;
  policy: AccessPolicy;
  staticRoot: string;
  logger: Logger;
  body: BodyLimits;
  openStreams: OpenStreams;
  /** Serves MCP at /mcp when given. */
  mcp?: McpHttpHandler;
  /** Bad-signature budgets of the webhooks; DEFAULT_WEBHOOK_LIMITS on the wall clock when not given. */
  webhookLimits?: WebhookLimitOptions;
}

type Env = { Variables: { path: string } };

/** The response for any thrown value: its status from the error code, the payload as JSON. */
export function errorResponse(error: unknown, logger: Logger): Response {
  const payload = toErrorPayload(error);
  const status = error instanceof HttpRefusal ? error.status : httpStatusFor(payload.code);
  if (status >= 500) {
    logger.error('HTTP request failed', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  securityHeaders(headers);
  if (status === 405) headers.set('Allow', String(payload.details.allow));
  if (status === 429) headers.set('Retry-After', String(payload.details.retryAfterSeconds));
  return new Response(JSON.stringify(payload), { status, headers });
}

function wrongMethod(allow: string, what: string): HttpRefusal {
  return new HttpRefusal(405, `Use ${allow.split(', ').join(' or ')} for ${what}.`, { allow });
}

/** The path as it was sent, percent-decoded strictly: `/%ZZ` is refused here, not deep inside a handler. */
function decodedPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.search(/[?#]/);
  const raw = start < 0 ? '/' : url.slice(start, end < 0 ? undefined : end);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpRefusal(400, `The request path ${raw.slice(0, 200)} has a malformed percent-encoding.`);
  }
}

/**
 * A page of a list is tens of KB of repetitive JSON: gzip sends it in a fraction of that, and every
 * client here (browsers, the CLI's fetch) asks for it. Answers smaller than this go as they are.
 */
const COMPRESS_FROM_BYTES = 4 * 1024;

/** Whether Accept-Encoding names gzip (or `*`) without refusing it (q=0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    return (name === 'gzip' || name === '*') && !refused;
  });
}

export function createApp(options: AppOptions): Hono<Env> {
  const { api, policy, logger } = options;
  const app = new Hono<Env>();

  app.onError((error) => errorResponse(error, logger));
  app.notFound(() => errorResponse(new AppError('not_found', 'Nothing is served at this path.'), logger));

  app.use('*', async (c, next) => {
    await next();
    securityHeaders(c.res.headers);
  });
  app.use('*', originGuard(policy));
  app.use('*', async (c, next) => {
    c.set('path', decodedPath(c.req.url));
    await next();
  });

  app.use(`${API_PREFIX}*`, tokenGuard(policy));
  let openApi: object | undefined;
  app.get(`${API_PREFIX}openapi.json`, async (c) => {
    if (!openApi) {
      // The document and the output schemas it is built from load on its first request: a host
      // that is never asked for it does not keep them in memory.
      const { buildOpenApiDocument } = await import('../core/api/openapi');
      openApi = buildOpenApiDocument((await api.call('app.info', {})).version);
    }
    return c.json(openApi, 200, { 'Cache-Control': 'no-store' });
  });
  app.get(EVENTS_PATH, (c) => streamEvents(c, api, options.openStreams));
  app.all(EVENTS_PATH, (c) => {
    throw wrongMethod('GET', c.get('path'));
  });
  app.post(`${API_PREFIX}*`, (c) => invoke(c));
  app.all(`${API_PREFIX}*`, (c) => {
    throw wrongMethod('POST', c.get('path'));
  });

  // Outside /api/: a webhook's signature, not the API token, is its credential.
  const limiter = createWebhookLimiter(options.webhookLimits ?? { ...DEFAULT_WEBHOOK_LIMITS, now: () => Date.now() });
  app.post(`${WEBHOOK_PATH_PREFIX}:id`, (c) => receiveWebhook(c, { api, limits: options.body, limiter }));
  app.all(`${WEBHOOK_PATH_PREFIX}:id`, (c) => {
    throw wrongMethod('POST', c.get('path'));
  });
  const { mcp } = options;
  if (mcp) {
    app.use(MCP_PATH, tokenGuard(policy));
    app.post(MCP_PATH, async (c) => mcp(c.req.raw, await readJsonBody(c.req.raw, options.body)));
    // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
    app.all(MCP_PATH, (c) => {
      throw wrongMethod('POST', c.get('path'));
    });
  }

  app.get('*', (c) => {
    const given = new URL(c.req.url).searchParams.get('token');
    if (given === null) return serveStatic(options.staticRoot, c.get('path'));
    // The printed link: trade the token for a cookie, then drop it from the address bar.
    if (!tokenMatches(given, policy.token)) throw new AppError('unauthorized', 'The token in this link is wrong.');
    return c.body(null, 303, { 'Set-Cookie': sessionCookie(policy.token), Location: '/' });
  });
  app.all('*', () => {
    throw wrongMethod('GET, HEAD', 'the board');
  });

  async function invoke(c: Context<Env>): Promise<Response> {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/json')) {
      throw new HttpRefusal(400, 'API requests must have Content-Type: application/json.', {
        contentType: type.slice(0, 100),
      });
    }
    const name = c.get('path').slice(API_PREFIX.length);
    const input = await readJsonBody(c.req.raw, options.body);
    const output = await api.invoke(name, input);
    const text = JSON.stringify(output === undefined ? null : output);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (text.length < COMPRESS_FROM_BYTES || !acceptsGzip(c.req.header('accept-encoding'))) {
      return c.body(text, 200, headers);
    }
    // At level 1, in one call: a page of 100 tasks (70 KB) packs to 2 KB in under half a millisecond,
    // where a compression stream takes three times as long for a few bytes less.
    return c.body(gzipSync(text, { level: 1 }), 200, {
      ...headers,
      'Content-Encoding': 'gzip',
      Vary: 'Accept-Encoding',
    });
  }

  return app;
}
