// The tray icon: its image, tooltip and menu follow the task summary (tray-menu.ts), refreshed
// from the tasks table whenever the runtime pushes a change.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';
import { loadTraySummary } from './tray-summary';
import {
  EMPTY_SUMMARY,
  trayIconState,
  trayMenu,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
  type TraySummary,
} from './tray-menu';

export interface TrayOptions {
  runtime: Runtime;
  /** Directory holding tray-<state>.png and tray-<state>@2x.png. */
  resourcesDir: string;
  actions: Record<TrayAction, () => void>;
  logger: Logger;
}

export interface RidgelineTray {
  /** What the tray shows now; used by the desktop end-to-end test. */
  describe(): { icon: TrayIconState; tooltip: string; labels: string[] };
  destroy(): void;
}

// Coalesces a burst of push events (a pipeline updating many tasks) into one summary query.
const REFRESH_DELAY_MS = 250;

function toTemplate(items: TrayMenuItem[], actions: Record<TrayAction, () => void>): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'status':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, click: actions[item.action] };
      default: {
        const unreachable: never = item;
        return unreachable;
      }
    }
  });
}

export function createTray(options: TrayOptions): RidgelineTray {
  const images = new Map<TrayIconState, NativeImage>();
  const image = (state: TrayIconState): NativeImage => {
    let cached = images.get(state);
    if (!cached) {
      // createFromPath picks up tray-<state>@2x.png by itself on high-density displays.
      cached = nativeImage.createFromPath(join(options.resourcesDir, `tray-${state}.png`));
      // macOS menu bars draw template images in the system's own colour, light or dark.
      if (process.platform === 'darwin') cached.setTemplateImage(true);
      images.set(state, cached);
    }
    return cached;
  };

  let summary: TraySummary = EMPTY_SUMMARY;
  const tray = new Tray(image('idle'));

  function render(): void {
    if (tray.isDestroyed()) return;
    tray.setImage(image(trayIconState(summary)));
    tray.setToolTip(trayTooltip(summary));
    tray.setContextMenu(Menu.buildFromTemplate(toTemplate(trayMenu(summary), options.actions)));
  }

  async function refresh(): Promise<void> {
    try {
      summary = await loadTraySummary(options.runtime.api.call);
      render();
    } catch (error) {
      // The runtime stops before the tray on quit; a late refresh has nothing to show.
      options.logger.debug('Tray summary not refreshed', { error: String(error) });
    }
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = options.runtime.api.subscribe(() => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      void refresh();
    }, REFRESH_DELAY_MS);
  });

  // On macOS a click opens the menu; elsewhere a click is the quick way to the board.
  if (process.platform !== 'darwin') tray.on('click', options.actions['open-board']);
  render();
  void refresh();

  return {
    describe: () => ({
      icon: trayIconState(summary),
      tooltip: trayTooltip(summary),
      labels: trayMenu(summary).flatMap((item) => (item.kind === 'separator' ? [] : [item.label])),
    }),
    destroy() {
      unsubscribe();
      if (pending) clearTimeout(pending);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
