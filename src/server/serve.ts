import { missingNativeNotice } from '../core/model/backend/backend-advice.js';
import { nativeBackendInstalled } from '../core/model/backend/node/node-backends.js';
import { createStudioService } from '../core/studio/service.js';
import { openBrowser } from './open-browser.js';
import { buildRenderer, isRendererBuilt, isRendererCurrent, rendererOutDir } from './renderer-build.js';
import { startServer } from './server.js';

export interface ServeOptions {
  projectDir: string;
  port: number;
  open: boolean;
  /** Build the renderer first if out/renderer is missing. */
  build: boolean;
}

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** `ser serve`: the studio over HTTP until SIGINT/SIGTERM, then a graceful stop. */
export async function serveStudio(opts: ServeOptions): Promise<void> {
  let staticDir: string | null = rendererOutDir();
  const built = isRendererBuilt();
  if (!built || !isRendererCurrent()) {
    if (opts.build) {
      say(
        built
          ? 'The app (renderer) is older than its sources: building it again with Vite ...'
          : 'The app (renderer) is not built yet: building it now with Vite, once ...',
      );
      const started = Date.now();
      staticDir = await buildRenderer();
      say(`Built ${staticDir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } else if (built) {
      say('The renderer is older than its sources (--no-build): serving it as it is.');
    } else {
      say('The renderer is not built (--no-build): serving the API only.');
      staticDir = null;
    }
  }
  const service = createStudioService({ projectDir: opts.projectDir, mode: 'web' });
  const server = await startServer({ service, port: opts.port, staticDir });
  // The URL goes to stdout on its own line so scripts and tests can read it; the rest is for people.
  say(`Emotion Studio: project ${service.projectDir}`);
  process.stdout.write(`${server.url}\n`);
  say("Open the URL above in a browser (it holds this launch's token). Ctrl-C stops the server.");
  if (!nativeBackendInstalled()) say(missingNativeNotice());
  // Never the token on the browser's command line (readable by every local user): a one-time launch code.
  if (opts.open) {
    const opened = await openBrowser(server.launchUrl());
    if (!opened.opened)
      say(`--open: no browser could be opened (${opened.why}). Open the URL above yourself.`);
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        say('Stopping now.');
        process.exit(1);
      }
      stopping = true;
      say(`\n${signal}: stopping (a running training keeps its best model) ...`);
      void (async () => {
        await server.close();
        await service.close();
        resolve();
      })();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
