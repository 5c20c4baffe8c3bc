// The tray icon: its image, tooltip and menu follow the runtime's state (tray-menu.ts, pure),
// reloaded by the tray feed (tray-summary.ts) whenever the runtime pushes a change.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { systemClock } from '../core/lib/clock';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import { createTrayFeed } from './tray-summary';
import { pauseEnd, trayTitle } from './tray-extras';
import {
  EMPTY_SUMMARY,
  trayIconState,
  trayLabels,
  trayMenu,
  trayTooltip,
  type TrayCommand,
  type TrayIconState,
  type TrayMenuItem,
  type TraySummary,
} from './tray-menu';

/** What the host does for the commands that leave the tray; the runtime calls are made here. */
export interface TrayHostActions {
  openBoard(): void;
  openRun(runId: string, taskId: string): void;
  openSettings(): void;
  quit(): void;
}

export interface TrayOptions {
  /** The runtime's API in this process, or the background service's over HTTP. */
  api: Pick<RuntimeApi, 'call' | 'subscribe'>;
  /** Directory holding tray-<state>.png and tray-<state>@2x.png. */
  resourcesDir: string;
  actions: TrayHostActions;
  logger: Logger;
}

export interface RidgelineTray {
  /** What the tray shows now; used by the desktop end-to-end test. */
  describe(): { icon: TrayIconState; tooltip: string; labels: string[] };
  destroy(): void;
}

export function createTray(options: TrayOptions): RidgelineTray {
  const { api, actions, logger } = options;
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

  const call = (what: string, work: Promise<unknown>): void => {
    work.catch((error: unknown) => logger.warn(`Tray: ${what} failed`, { error: String(error) }));
  };

  // Pause for a while: this process resumes the scheduler when the time comes (a restart before
  // then leaves it paused, which the menu shows, until Resume).
  let pausedUntil: number | null = null;
  let cancelResume: (() => void) | undefined;
  const clearResume = (): void => {
    cancelResume?.();
    cancelResume = undefined;
    pausedUntil = null;
  };

  function pause(until: 'hour' | 'tomorrow' | undefined): void {
    clearResume();
    if (until) {
      const now = systemClock.now();
      const end = pauseEnd(until, now, summary.timeZone);
      pausedUntil = end;
      cancelResume = systemClock.setTimer(() => {
        cancelResume = undefined;
        pausedUntil = null;
        call('Resume scheduler', api.call('scheduler.resume', {}));
      }, end - now);
    }
    call('Pause scheduler', api.call('scheduler.pause', {}));
  }

  function run(command: TrayCommand): void {
    switch (command.kind) {
      case 'open-board':
        return actions.openBoard();
      case 'open-run':
        return actions.openRun(command.runId, command.taskId);
      case 'open-settings':
        return actions.openSettings();
      case 'quit':
        return actions.quit();
      case 'run-task':
        return call('Run now', api.call('tasks.runNow', { id: command.taskId }));
      case 'pause-scheduler':
        return pause(command.until);
      case 'resume-scheduler':
        clearResume();
        return call('Resume scheduler', api.call('scheduler.resume', {}));
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  }

  function toTemplate(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
    return items.map((item): MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'status':
          return { label: item.label, enabled: false };
        case 'separator':
          return { type: 'separator' };
        case 'action':
          return { label: item.label, click: () => run(item.command) };
        case 'submenu':
          return { label: item.label, submenu: toTemplate(item.items) };
        default: {
          const unreachable: never = item;
          return unreachable;
        }
      }
    });
  }

  let summary: TraySummary = EMPTY_SUMMARY;
  const tray = new Tray(image('idle'));

  function render(): void {
    if (tray.isDestroyed()) return;
    tray.setImage(image(trayIconState(summary)));
    tray.setToolTip(trayTooltip(summary));
    // Beside the icon on macOS (elsewhere the tooltip carries the counts).
    if (process.platform === 'darwin') tray.setTitle(trayTitle(summary.needsAttentionTotal, summary.unread));
    tray.setContextMenu(Menu.buildFromTemplate(toTemplate(trayMenu(summary))));
  }

  const feed = createTrayFeed({
    api,
    clock: systemClock,
    onSummary: (next) => {
      summary = { ...next, pausedUntil: next.schedulerPaused ? pausedUntil : null };
      render();
    },
    // The runtime stops before the tray on quit; a late reload has nothing to show.
    onError: (error) => logger.debug('Tray summary not refreshed', { error: String(error) }),
  });

  // On macOS a click opens the menu; elsewhere a click is the quick way to the board.
  if (process.platform !== 'darwin') tray.on('click', () => actions.openBoard());
  render();

  return {
    describe: () => ({
      icon: trayIconState(summary),
      tooltip: trayTooltip(summary),
      labels: trayLabels(trayMenu(summary)),
    }),
    destroy() {
      feed.stop();
      cancelResume?.();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
