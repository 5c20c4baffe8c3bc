// The board window's security rules as plain functions: which URLs are the app's own, which links
// may open in the user's browser, which files the app:// protocol may serve, and the CSP.
import { isAbsolute, join, normalize, relative } from 'node:path';

/** The board is served from app://ridgeline/ rather than file://, so it has a real origin for CSP 'self'. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ridgeline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `url` belongs to the app: same scheme and host as `appOrigin`. Compared by parts
 * because WHATWG URL reports the origin of non-special schemes such as app: as "null".
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const candidate = parse(url);
  const expected = parse(appOrigin);
  if (!candidate || !expected) return false;
  return (
    candidate.protocol === expected.protocol &&
    candidate.host === expected.host &&
    candidate.username === '' &&
    candidate.password === ''
  );
}

/** Links the board may hand to the user's browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function isExternalLink(url: string): boolean {
  const parsed = parse(url);
  return parsed?.protocol === 'https:' || parsed?.protocol === 'http:';
}

export interface SenderFacts {
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether the sending webContents is one of the windows the app opened itself. */
  fromAppWindow: boolean;
  /** Whether the message came from the top frame rather than an embedded one. */
  fromMainFrame: boolean;
}

/** An IPC message is served only from the top frame of an app window showing the app's own page. */
export function isTrustedSender(sender: SenderFacts, appOrigin: string): boolean {
  return (
    sender.fromAppWindow &&
    sender.fromMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl, appOrigin)
  );
}

/** The board's web preferences: isolated, sandboxed, no Node, same-origin rules on, no webviews. */
export function boardWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/**
 * Maps an app:// request to a file inside the renderer build, or undefined when the request names
 * another host or tries to leave the directory (`..`, encoded or not).
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | undefined {
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const relativePath = normalize(pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, ''));
  const file = join(rendererDir, relativePath);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/**
 * The board's Content-Security-Policy. Production allows only the app's own scripts, styles and
 * images and no network. The Vite dev server (electron-vite dev) needs inline scripts and styles
 * for hot reload and a websocket back to itself, so it gets a looser policy naming that origin.
 *
 * Style attributes alone are allowed (`style-src-attr`): typing over a selection that spans lines
 * of the pipeline editor lets Chromium's own editing engine write `style="color: …"` onto the
 * merged line, which no nonce or hash can cover. A style attribute runs no script and, with
 * images limited to the app, loads nothing; style sheets and <style> elements stay 'self' only.
 */
export function contentSecurityPolicy(devServerOrigin?: string): string {
  const dev = devServerOrigin
    ? { inline: " 'unsafe-inline'", connect: ` ${devServerOrigin} ${devServerOrigin.replace(/^http/, 'ws')}` }
    : { inline: '', connect: '' };
  return [
    "default-src 'none'",
    `script-src 'self'${dev.inline}`,
    `style-src 'self'${dev.inline}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev.connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}
