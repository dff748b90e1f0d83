/** The Electron main process: one window, one project, the studio service behind IPC and studio://. */
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { defaultProjectDir, projectPaths } from '../core/dataset/node/project-paths.js';
import { missingNativeNotice } from '../core/model/backend/backend-advice.js';
import { nativeBackendInstalled } from '../core/model/backend/node/node-backends.js';
import { createStudioService, type StudioService } from '../core/studio/service.js';
import { appPaths, devServerUrl } from './app-paths.js';
import { registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { handleStudioScheme, registerStudioScheme } from './protocol.js';
import { hardenSessions } from './security.js';
import { createUtilityTrainingHost } from './utility-training-host.js';
import { createMainWindow } from './window.js';

const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

/** `--project DIR` (or `=DIR`) or EMOTION_STUDIO_PROJECT, else the same default project as `ser`. */
function projectDirFromArgs(argv: readonly string[]): string {
  const i = argv.indexOf('--project');
  const flag =
    i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--project='))?.slice('--project='.length);
  const dir = flag || process.env.EMOTION_STUDIO_PROJECT || defaultProjectDir();
  return projectPaths(path.resolve(dir)).dir;
}

registerStudioScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let service: StudioService | null = null;
  let closing = false;

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenSessions(devServerUrl);
    service = createStudioService({
      projectDir: projectDirFromArgs(process.argv),
      mode: 'electron',
      trainingHost: createUtilityTrainingHost(appPaths.trainingProcess),
      log,
    });
    // `npm start`'s terminal, as `ser serve` says it
    if (!nativeBackendInstalled()) log(missingNativeNotice());
    handleStudioScheme(service, appPaths.rendererDir, devServerUrl);
    registerIpc(service, devServerUrl, log);
    installMenu(service);
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the service: a running training is cancelled and keeps its best model.
  app.on('before-quit', (event) => {
    if (!service || closing) return;
    event.preventDefault();
    closing = true;
    const s = service;
    service = null;
    void s.close().finally(() => app.quit());
  });
}
