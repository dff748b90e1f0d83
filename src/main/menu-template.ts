import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFolder(): void;
  exportReport(): void;
  undoRelabel(): void;
  openDocs(): void;
  about(): void;
}

/**
 * The application menu. Ctrl/Cmd+Z stays the standard text undo (typing in a search field must undo text);
 * the Review screen handles Ctrl/Cmd+Z for labels itself, and the menu's "Undo Relabel" has its own shortcut.
 */
export function menuTemplate(
  actions: MenuActions,
  opts: { isMac: boolean; isDev: boolean; appName: string },
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Import Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFolder() },
      { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportReport() },
      { type: 'separator' },
      opts.isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
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
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(opts.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Emotion Studio Documentation', click: () => actions.openDocs() },
      ...(opts.isMac
        ? []
        : ([
            { type: 'separator' },
            { label: `About ${opts.appName}`, click: () => actions.about() },
          ] as MenuItemConstructorOptions[])),
    ],
  };
  const mac: MenuItemConstructorOptions[] = opts.isMac
    ? [
        {
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
        },
      ]
    : [];
  return [...mac, file, edit, view, { role: 'windowMenu' }, help];
}
