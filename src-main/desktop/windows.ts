// The board window: created on first use, hidden (not destroyed) when closed so Ridgeline stays in
// the tray, and locked down: isolated, sandboxed, no Node, only the generic preload bridge.
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/lib/logger';
import { boardWebPreferences } from './security';

export interface BoardOptions {
  /** The page the board loads: app://ridgeline/index.html, or the Vite dev server in development. */
  entryUrl: string;
  preloadPath: string;
  iconPath: string;
  /** True once the user chose Quit: then closing really closes. */
  isQuitting: () => boolean;
  logger: Logger;
}

export interface Board {
  /** Shows and focuses the board, creating it if needed. */
  show(): void;
  /** The app's own windows: the only ones IPC trusts and pushes to. */
  windows(): BrowserWindow[];
}

export function createBoard(options: BoardOptions): Board {
  let current: BrowserWindow | undefined;

  function create(): BrowserWindow {
    const created = new BrowserWindow({
      title: 'Ridgeline',
      width: 1200,
      height: 800,
      minWidth: 720,
      minHeight: 480,
      show: false,
      icon: options.iconPath,
      autoHideMenuBar: true,
      webPreferences: boardWebPreferences(options.preloadPath),
    });
    created.once('ready-to-show', () => {
      created.show();
      created.focus();
    });
    created.on('close', (event) => {
      if (options.isQuitting()) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (current === created) current = undefined;
    });
    created.loadURL(options.entryUrl).catch((error: unknown) => {
      options.logger.error('The board page did not load', { url: options.entryUrl, error: String(error) });
    });
    return created;
  }

  return {
    show() {
      if (!current || current.isDestroyed()) {
        current = create();
        return;
      }
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
    },
    windows: () => (current && !current.isDestroyed() ? [current] : []),
  };
}
