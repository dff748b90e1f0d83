/** IPC channel names shared by the Electron main process and the preload; nothing else uses them. */
export const IPC = {
  request: 'studio:request',
  event: 'studio:event',
  pickFolder: 'studio:pick-folder',
  pickSaveFolder: 'studio:pick-save-folder',
} as const;
