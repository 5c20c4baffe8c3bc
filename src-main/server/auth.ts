// Access to the headless API: a bearer token kept in <dataDir>/api-token (mode 0600), or the
// session cookie the board gets by opening the printed link; loopback Host and same Origin only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AppError } from '../core/lib/errors';
import { SESSION_COOKIE } from '../core/api/transport';

export const TOKEN_FILE = 'api-token';

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

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
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
export function checkOrigin(req: IncomingMessage, policy: AccessPolicy): AppError | undefined {
  const hosts = policy.hosts();
  if (!hosts.includes(req.headers.host ?? '')) {
    return new AppError('forbidden', `Requests for host "${req.headers.host ?? ''}" are refused; use ${hosts[0]}.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    return new AppError(
      'forbidden',
      `Requests from origin ${origin} are refused: only the board served here may call the API.`,
    );
  }
  return undefined;
}

export function checkToken(req: IncomingMessage, policy: AccessPolicy): AppError | undefined {
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  if (tokenMatches(bearer, policy.token) || tokenMatches(readCookie(req, SESSION_COOKIE), policy.token))
    return undefined;
  return new AppError(
    'unauthorized',
    header
      ? 'The API token is wrong. Use the token in the api-token file of the data directory.'
      : 'The API needs "Authorization: Bearer <token>" (the token is in the api-token file of the data directory), or open the link printed at start.',
  );
}
