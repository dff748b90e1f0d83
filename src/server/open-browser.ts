import { spawn } from 'node:child_process';
import { errorMessage } from '../common/error-message.js';

export type OpenBrowserResult = { opened: true } | { opened: false; why: string };

/**
 * An opener still running after this long has started a browser that keeps it waiting (xdg-open's generic
 * mode runs the browser in the foreground): taken as opened. A failing opener exits well within it.
 */
const OPENER_GRACE_MS = 3000;

/**
 * Opens `url` in the default browser if the platform has a way to; never throws (a server or a CI box has no
 * browser: the printed URL is enough). The opener's exit code counts, not only its start: xdg-open starts
 * fine on a machine with no display and then finds nothing to open the URL with.
 */
export function openBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenBrowserResult> {
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  const noDisplay = platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  return new Promise((resolve) => {
    const fail = (why: string): void =>
      resolve({
        opened: false,
        why: noDisplay ? `${why}; there is no display (DISPLAY and WAYLAND_DISPLAY are not set)` : why,
      });
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, env });
      const grace = setTimeout(() => {
        child.removeAllListeners('exit');
        child.unref();
        resolve({ opened: true });
      }, OPENER_GRACE_MS);
      grace.unref();
      child.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(grace);
        fail(err.code === 'ENOENT' ? `${cmd} is not installed` : `${cmd} failed: ${err.message}`);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(grace);
        if (code === 0) resolve({ opened: true });
        else fail(`${cmd} found no browser (it exited with ${code ?? signal})`);
      });
    } catch (err) {
      fail(`${cmd} could not start: ${errorMessage(err)}`);
    }
  });
}
