// Electron's half of the board's security rules (desktop/security.ts holds the pure half): every
// webContents keeps to the app's own pages, and the session denies permissions and serves app://
// with the content security policy.
import { pathToFileURL } from 'node:url';
import { net, protocol, session, shell, type WebContents } from 'electron';
import { APP_SCHEME, isAppUrl, isExternalLink, resolveAppAsset } from './security';

function openExternally(url: string): void {
  if (isExternalLink(url)) void shell.openExternal(url);
}

/** Applied to every webContents, including any a bug or a dependency might create. */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  const denyForeign = (event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    openExternally(event.url);
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export function hardenSession({ csp, rendererDir }: { csp: string; rendererDir: string }): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The header covers the dev server; app:// responses below carry it too, since custom protocol
  // responses do not all pass through webRequest.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', csp);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
