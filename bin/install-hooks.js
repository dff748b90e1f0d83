#!/usr/bin/env node
// npm's `prepare` step: installs the pre-commit hook (simple-git-hooks runs lint-staged: format and lint the
// staged files; both configured in package.json) in a developer's clone. It never fails an install: in CI,
// without a .git (an exported tree, a package tarball), without dev dependencies, or where the hooks folder
// can't be written, it says why and moves on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function main() {
  if (process.env.CI || process.env.SKIP_INSTALL_SIMPLE_GIT_HOOKS)
    return 'CI (or SKIP_INSTALL_SIMPLE_GIT_HOOKS)';
  if (!existsSync(path.join(root, '.git'))) return 'no .git here';
  let cli;
  try {
    cli = createRequire(import.meta.url).resolve('simple-git-hooks/cli.js');
  } catch {
    return 'simple-git-hooks is not installed (an install without dev dependencies)';
  }
  const run = spawnSync(process.execPath, [cli], { cwd: root, stdio: 'inherit' });
  if (run.error || run.status !== 0) return 'simple-git-hooks could not write the hook';
  return null;
}

try {
  const skipped = main();
  if (skipped) console.log(`pre-commit hook not installed: ${skipped}`);
} catch (err) {
  console.log(`pre-commit hook not installed: ${err instanceof Error ? err.message : String(err)}`);
}
process.exitCode = 0;
