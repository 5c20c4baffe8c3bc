import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  boardWebPreferences,
  contentSecurityPolicy,
  isAppUrl,
  isExternalLink,
  isTrustedSender,
  resolveAppAsset,
} from '../../../src-main/desktop/security';

describe('isAppUrl', () => {
  it('accepts the board and any page or fragment of the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL, APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://ridgeline/index.html#/tasks/1', APP_ORIGIN)).toBe(true);
  });

  it('refuses other hosts, schemes and look-alikes', () => {
    for (const url of [
      'app://evil/index.html',
      'https://ridgeline/index.html',
      'file:///index.html',
      'app://ridgeline.evil.com/',
      'app://user@ridgeline/',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('matches the dev server origin by scheme, host and port', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('isExternalLink', () => {
  it('lets only http and https links reach the browser', () => {
    expect(isExternalLink('https://example.com/docs')).toBe(true);
    expect(isExternalLink('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://ridgeline/',
      'mailto:a@b.c',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const board = { frameUrl: APP_ENTRY_URL, fromAppWindow: true, fromMainFrame: true };

  it('trusts the top frame of an app window showing the app', () => {
    expect(isTrustedSender(board, APP_ORIGIN)).toBe(true);
  });

  it('refuses a window the app did not open, a sub-frame, a gone frame and a foreign page', () => {
    expect(isTrustedSender({ ...board, fromAppWindow: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...board, fromMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...board, frameUrl: undefined }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...board, frameUrl: 'https://example.com/' }, APP_ORIGIN)).toBe(false);
  });
});

describe('resolveAppAsset', () => {
  const root = join('/opt', 'ridgeline', 'out', 'renderer');

  it('serves index.html for the root and files below the renderer build', () => {
    expect(resolveAppAsset(root, 'app://ridgeline/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://ridgeline/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://ridgeline/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
  });

  it('refuses to leave the renderer build, encoded or not', () => {
    // Plain and %2e%2e dot segments are resolved by the URL parser, as Chromium does, so they stay inside.
    expect(resolveAppAsset(root, 'app://ridgeline/../../main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(resolveAppAsset(root, 'app://ridgeline/%2e%2e/main/index.js')).toBe(join(root, 'main', 'index.js'));
    for (const url of [
      'app://ridgeline/assets/..%2f..%2fmain%2findex.js',
      'app://ridgeline/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://ridgeline/a%00.js',
      'app://ridgeline/%E0%A4%A',
    ]) {
      expect(resolveAppAsset(root, url), url).toBeUndefined();
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppAsset(root, 'file:///opt/ridgeline/out/renderer/index.html')).toBeUndefined();
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only the app itself in production: no inline script, no eval, no network, no frames', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|\*/);
  });

  it('allows inline code only in style attributes, which Chromium writes when editing lines', () => {
    const directives = contentSecurityPolicy().split('; ');
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("style-src 'self'");
    expect(directives.filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
  });

  it('opens inline code and the websocket only to the named dev server', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('boardWebPreferences', () => {
  it('isolates and sandboxes the board and gives it no Node, only the preload', () => {
    expect(boardWebPreferences('/out/preload/index.js')).toMatchObject({
      preload: '/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
