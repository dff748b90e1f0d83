import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC } from '../common/ipc-channels.js';
import { toPublicError } from '../core/studio/errors.js';
import type { StudioService } from '../core/studio/service.js';
import { isTrustedSender, safeFolderName, validateIpcRequest } from './ipc-validation.js';

type Envelope = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * The bridge's main-process side. Each call checks who is asking (the app's own page only) and validates
 * the request against the contract before the service sees it; errors come back as messages, never throw
 * across IPC (Electron would wrap them in noise).
 */
export function registerIpc(
  service: StudioService,
  devServerUrl: string | undefined,
  log: (m: string) => void,
): () => void {
  const trusted = (e: IpcMainInvokeEvent): boolean => isTrustedSender(e.senderFrame?.url, devServerUrl);

  ipcMain.handle(IPC.request, async (event, method: unknown, params: unknown): Promise<Envelope> => {
    if (!trusted(event)) return { ok: false, error: 'refused: not the studio page' };
    const request = validateIpcRequest(method, params);
    if (!request.ok) return request;
    try {
      return { ok: true, result: await service.handle(request.method, request.params) };
    } catch (err) {
      const pub = toPublicError(err);
      if (pub.code === 'internal')
        log(`${request.method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { ok: false, error: pub.message };
    }
  });

  ipcMain.handle(IPC.pickFolder, async (event): Promise<string | null> => {
    if (!trusted(event)) return null;
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { title: 'Import a folder of recordings', properties: ['openDirectory' as const] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  });

  ipcMain.handle(IPC.pickSaveFolder, async (event, defaultName: unknown): Promise<string | null> => {
    if (!trusted(event)) return null;
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = {
      title: 'Export the report to a folder',
      buttonLabel: 'Export',
      defaultPath: path.join(app.getPath('documents'), safeFolderName(defaultName, 'emotion-studio-report')),
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    // The one folder report.export may now write to: the page itself can name none.
    service.allowReportExport(r.filePath);
    return r.filePath;
  });

  // Engine events go to every window of the app.
  const off = service.onAny((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC.event, event, payload);
    }
  });

  return () => {
    off();
    ipcMain.removeHandler(IPC.request);
    ipcMain.removeHandler(IPC.pickFolder);
    ipcMain.removeHandler(IPC.pickSaveFolder);
  };
}
