import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import type { RunSummary } from '../common/contract.js';
import { toPublicError } from '../core/studio/errors.js';
import type { StudioService } from '../core/studio/service.js';
import { appPaths, devServerUrl } from './app-paths.js';
import { safeFolderName } from './ipc-validation.js';
import { menuTemplate } from './menu-template.js';

const focused = (): BrowserWindow | undefined =>
  BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

async function importFolder(service: StudioService): Promise<void> {
  const win = focused();
  const options = { title: 'Import a folder of recordings', properties: ['openDirectory' as const] };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (r.canceled || !r.filePaths[0]) return;
  await service.handle('import.start', { source: r.filePaths[0] });
}

/** The newest run's report, into a folder the user picks, then shown in the file manager. */
async function exportReport(service: StudioService): Promise<void> {
  const runs = (await service.handle('runs.list', {})) as RunSummary[];
  const run = runs.find((r) => r.hasReport);
  if (!run) {
    await dialog.showMessageBox({
      type: 'info',
      message: 'No report yet',
      detail: 'Train a model first: each finished run writes a report.',
    });
    return;
  }
  const win = focused();
  const options = {
    title: `Export the report of run ${run.id}`,
    buttonLabel: 'Export',
    defaultPath: safeFolderName(`emotion-studio-report-run-${run.id}`, 'report'),
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return;
  const out = await service.exportReport(run.id, r.filePath);
  shell.showItemInFolder(out.files[0] ?? out.dir);
}

/**
 * Menu commands run in main through the same service as the renderer's requests; the renderer sees their
 * effects through the usual events (import.progress, dataset.changed ...).
 */
export function installMenu(service: StudioService): void {
  const failing =
    (title: string) =>
    (err: unknown): void =>
      dialog.showErrorBox(title, toPublicError(err).message);
  const template = menuTemplate(
    {
      importFolder: () => void importFolder(service).catch(failing('Import failed')),
      exportReport: () => void exportReport(service).catch(failing('Export failed')),
      undoRelabel: () => void service.handle('labels.undo', {}).catch(failing('Undo failed')),
      openDocs: () => void shell.openPath(appPaths.readme),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          message: `Emotion Studio ${app.getVersion()}`,
          detail: `Speech emotion recognition studio.\nProject: ${service.projectDir}`,
        }),
    },
    {
      isMac: process.platform === 'darwin',
      isDev: devServerUrl !== undefined || !app.isPackaged,
      appName: 'Emotion Studio',
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
