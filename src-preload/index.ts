// The board's only door to the main process: a generic invoke and a push subscription, exposed as
// window.ridgeline. The renderer builds its typed client on top; nothing else crosses.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL, type InvokeResult } from '../src-main/core/api/transport';

contextBridge.exposeInMainWorld('ridgeline', {
  invoke: (name: string, input: unknown): Promise<InvokeResult> => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  on: (listener: (message: unknown) => void): (() => void) => {
    // The IPC event (with its sender) stays here; the page gets the message alone.
    const forward = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(IPC_PUSH_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, forward);
    };
  },
});
