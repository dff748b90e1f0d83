import type { Command } from 'commander';
import { withProjectOption, projectDirOf } from '../project-option.js';

interface ServeOptions {
  project?: string;
  port: string;
  open?: boolean;
  build: boolean;
}

export function register(program: Command): void {
  withProjectOption(
    program
      .command('serve')
      .description('serve the studio to a browser on 127.0.0.1, with a per-launch token in the printed URL')
      .option('--port <n>', 'port to listen on (0: any free port)', '0')
      .option('--open', 'open the studio in the default browser')
      .option('--no-build', "don't build the renderer if it is missing (serve the API only)"),
  ).action(async (opts: ServeOptions) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port: ${opts.port}`);
    const { serveStudio } = await import('../../server/serve.js');
    await serveStudio({ projectDir: projectDirOf(opts), port, open: opts.open ?? false, build: opts.build });
  });
}
