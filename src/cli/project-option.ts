import type { Command } from 'commander';
import { defaultProjectDir } from '../core/dataset/node/project-paths.js';

/** Every command that works on a project takes the same option, defaulting to the user's default project. */
export function withProjectOption(cmd: Command): Command {
  return cmd.option('--project <dir>', 'project folder (default: the default project in your data folder)');
}

export function projectDirOf(opts: { project?: string }): string {
  return opts.project ?? defaultProjectDir();
}
