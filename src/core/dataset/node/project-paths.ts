import os from 'node:os';
import path from 'node:path';

/** Files of one project, all under one folder so a project can be copied or deleted as a whole. */
export interface ProjectPaths {
  dir: string;
  database: string;
  featureCache: string;
  models: string;
  reports: string;
  uploads: string;
}

export const APP_FOLDER_NAME = 'emotion-studio';

/**
 * The per-user data folder, as each platform expects it. The Electron shell and the CLI both use this,
 * so the app and `ser` open the same default project.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.EMOTION_STUDIO_HOME) return env.EMOTION_STUDIO_HOME;
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_FOLDER_NAME);
}

export function defaultProjectDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'projects', 'default');
}

export function projectPaths(dir: string): ProjectPaths {
  const root = path.resolve(dir);
  return {
    dir: root,
    database: path.join(root, 'project.sqlite'),
    featureCache: path.join(root, 'features.sqlite'),
    models: path.join(root, 'models'),
    reports: path.join(root, 'reports'),
    uploads: path.join(root, 'uploads'),
  };
}
