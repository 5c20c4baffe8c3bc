// Access to the headless API: a bearer token kept in <dataDir>/api-token (mode 0600), or the
// session cookie the board gets by opening the printed link; loopback Host and same Origin only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/lib/errors';
import { SESSION_COOKIE } from '../core/api/transport';
import { TOKEN_FILE } from '../os/host-file';

/** Reads the API token, creating it on first use; tightens the file's mode if someone loosened it. */
export function ensureApiToken(dataDir: string): string {
  const file = join(dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The named cookie of a Cookie header; a value with a malformed percent-encoding is a 400. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      throw new AppError('validation_failed', `The ${name} cookie has a malformed percent-encoding.`, {
        cookie: name,
      });
    }
  }
  return undefined;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

export function tokenMatches(given: string | undefined | null, token: string): boolean {
  return typeof given === 'string' && sameSecret(given, token);
}

export interface AccessPolicy {
  token: string;
  /** Host header values this server answers to, e.g. 127.0.0.1:7788 and localhost:7788. */
  hosts: () => string[];
}

/** Refuses DNS-rebinding Hosts and cross-origin requests before anything else is looked at. */
export function checkOrigin(headers: Headers, policy: AccessPolicy): AppError | undefined {
  const hosts = policy.hosts();
  const host = headers.get('host') ?? '';
  if (!hosts.includes(host)) {
    return new AppError('forbidden', `Requests for host "${host}" are refused; use ${hosts[0]}.`);
  }
  const origin = headers.get('origin');
  if (origin !== null && !hosts.some((h) => origin === `http://${h}`)) {
    return new AppError(
      'forbidden',
      `Requests from origin ${origin} are refused: only the board served here may call the API.`,
    );
  }
  return undefined;
}

export function checkToken(headers: Headers, policy: AccessPolicy): AppError | undefined {
  const header = headers.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const cookie = readCookie(headers.get('cookie') ?? undefined, SESSION_COOKIE);
  if (tokenMatches(bearer, policy.token) || tokenMatches(cookie, policy.token)) return undefined;
  return new AppError(
    'unauthorized',
    header
      ? 'The API token is wrong. Use the token in the api-token file of the data directory.'
      : 'The API needs "Authorization: Bearer <token>" (the token is in the api-token file of the data directory), or open the link printed at start.',
  );
}

/** Every request: the Host and Origin checks; a refusal is thrown to the app's error boundary. */
export function originGuard(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const refused = checkOrigin(c.req.raw.headers, policy);
    if (refused) throw refused;
    await next();
  };
}

/** API requests: the bearer token or the session cookie. */
export function tokenGuard(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const denied = checkToken(c.req.raw.headers, policy);
    if (denied) throw denied;
    await next();
  };
}
