import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFolder(): void;
  exportReport(): void;
  undoRelabel(): void;
  openDocs(): void;
  about(): void;
}

type MenuOptions = { isMac: boolean; isDev: boolean; appName: string };

function fileMenu(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions {
  return {
    label: '&File',
    submenu: [
      { label: 'Import Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFolder() },
      { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportReport() },
      { type: 'separator' },
      opts.isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
}

function editMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { label: 'Undo Relabel', accelerator: 'CmdOrCtrl+Alt+Z', click: () => actions.undoRelabel() },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(opts: MenuOptions): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    { role: 'toggleDevTools' },
    { type: 'separator' },
  ];
  return {
    label: '&View',
    submenu: [
      ...(opts.isDev ? developer : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

function helpMenu(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions {
  const about: MenuItemConstructorOptions[] = [
    { type: 'separator' },
    { label: `About ${opts.appName}`, click: () => actions.about() },
  ];
  return {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Emotion Studio Documentation', click: () => actions.openDocs() },
      ...(opts.isMac ? [] : about),
    ],
  };
}

/** macOS's application menu, named for the app. */
function appMenu(opts: MenuOptions): MenuItemConstructorOptions {
  return {
    label: opts.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
}

/**
 * The application menu. Ctrl/Cmd+Z stays the standard text undo (typing in a search field must undo text);
 * the Review screen handles Ctrl/Cmd+Z for labels itself, and the menu's "Undo Relabel" has its own shortcut.
 */
export function menuTemplate(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(opts.isMac ? [appMenu(opts)] : []),
    fileMenu(actions, opts),
    editMenu(actions),
    viewMenu(opts),
    { role: 'windowMenu' },
    helpMenu(actions, opts),
  ];
}
