import { spawn } from 'node:child_process';

/**
 * Opens `url` in the default browser if the platform has a way to; never fails (a server or a CI box has no
 * browser: the printed URL is enough). Resolves true if the opener started.
 */
export function openBrowser(url: string, platform = process.platform): Promise<boolean> {
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
