import path from 'node:path';
import { app, BrowserWindow, nativeTheme, screen } from 'electron';
import { ELECTRON_MEDIA_BASE } from '../common/media-urls.js';
import { appPaths, devServerUrl } from './app-paths.js';
import { loadWindowState, placeOnDisplays, saveWindowState, type WindowState } from './window-state.js';

const stateFile = (): string => path.join(app.getPath('userData'), 'window-state.json');

// The renderer is untrusted content: sandboxed, context-isolated, no Node anywhere (DESIGN-NOTES.md, Security).
const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** Saves the window's place and size a moment after it moves or resizes, and when it closes. */
function rememberPlace(win: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined;
  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    const state: WindowState = {
      width: b.width,
      height: b.height,
      x: b.x,
      y: b.y,
      maximized: win.isMaximized(),
    };
    try {
      saveWindowState(stateFile(), state);
    } catch {
      // Not being able to remember the window's place is no reason to bother the user.
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    remember();
  });
}

export function createMainWindow(): BrowserWindow {
  const saved = placeOnDisplays(
    loadWindowState(stateFile()),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Emotion Studio',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1f' : '#ffffff',
    webPreferences: { preload: appPaths.preload, ...WEB_PREFERENCES },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  rememberPlace(win);
  void win.loadURL(devServerUrl ?? `${ELECTRON_MEDIA_BASE}/index.html`);
  return win;
}
