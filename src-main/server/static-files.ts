// Serves the built renderer. Unknown paths fall back to index.html; nothing outside the root is served.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// As the desktop window's policy (src-main/desktop/security.ts), style attributes alone are allowed:
// Chromium's editing engine writes them into the pipeline editor when a multi-line selection is
// typed over, and they can run no script. Style sheets and <style> elements stay 'self' only.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function securityHeaders(headers: Headers): void {
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  // The login link carries the token in its query: never leak it in a Referer.
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The file for an already percent-decoded path, or 404 when the path leaves the root. */
export async function serveStatic(root: string, pathname: string): Promise<Response> {
  // A NUL byte would make the file system calls throw; no built file has one.
  if (pathname.includes('\0')) return new Response(null, { status: 404 });
  let file = normalize(join(root, pathname));
  if (!file.startsWith(root + sep) && file !== root) return new Response(null, { status: 404 });
  if (!(await isFile(file))) file = join(root, 'index.html');
  if (!(await isFile(file))) {
    return new Response('The board has not been built. Run `npm run serve`, which builds it first.', {
      status: 500,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  return new Response(await readFile(file), {
    status: 200,
    headers: {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    },
  });
}
