#!/usr/bin/env node
// The `ser` command runs the TypeScript sources through tsx, so `npx ser` works right after install
// with no build step to remember and never runs stale compiled code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
