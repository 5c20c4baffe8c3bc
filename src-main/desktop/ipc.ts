// Binds the API contract to ipcMain: invokes from the board go to the runtime after the sender is
// checked, and the runtime's push events go to the app's own windows only.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../core/api/transport';
import type { Logger } from '../core/lib/logger';
import type { Runtime } from '../core/runtime';
import { createInvokeHandler } from './invoke-handler';
import { isAppUrl, type SenderFacts } from './security';

export interface IpcOptions {
  runtime: Runtime;
  appOrigin: string;
  logger: Logger;
  /** The windows the app opened itself; nothing else is trusted or pushed to. */
  appWindows: () => BrowserWindow[];
}

function senderFacts(event: IpcMainInvokeEvent, isAppWindow: (contents: WebContents) => boolean): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url,
    fromAppWindow: isAppWindow(event.sender),
    fromMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/** Returns a function that removes the handler and the push subscription. */
export function bindIpc(options: IpcOptions): () => void {
  const isAppWindow = (contents: WebContents): boolean =>
    options.appWindows().some((w) => !w.isDestroyed() && w.webContents === contents);
  const handle = createInvokeHandler({
    invoke: options.runtime.api.invoke,
    appOrigin: options.appOrigin,
    logger: options.logger,
  });

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, name: unknown, input: unknown) =>
    handle(senderFacts(event, isAppWindow), name, input),
  );

  const unsubscribe = options.runtime.api.subscribe((message) => {
    for (const window of options.appWindows()) {
      // Navigation away is denied, but a push must not leak even if a window shows something else.
      if (!window.isDestroyed() && isAppUrl(window.webContents.getURL(), options.appOrigin)) {
        window.webContents.send(IPC_PUSH_CHANNEL, message);
      }
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
