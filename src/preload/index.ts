/**
 * The only bridge between the sandboxed renderer and the app: exactly the StudioBridge of src/common/client.ts
 * on window.studio. No ipcRenderer, no Node, nothing else crosses.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StudioBridge } from '../common/client.js';
import { IPC } from '../common/ipc-channels.js';

const bridge: StudioBridge = {
  request: (method, params) => ipcRenderer.invoke(IPC.request, String(method), params),
  subscribe: (handler) => {
    const listener = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') handler(name, payload);
    };
    ipcRenderer.on(IPC.event, listener);
    return () => {
      ipcRenderer.removeListener(IPC.event, listener);
    };
  },
  pickFolder: () => ipcRenderer.invoke(IPC.pickFolder),
  pickSaveFolder: (defaultName) => ipcRenderer.invoke(IPC.pickSaveFolder, String(defaultName)),
};

contextBridge.exposeInMainWorld('studio', bridge);
