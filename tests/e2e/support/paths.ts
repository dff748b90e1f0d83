import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPath } from '../../support/shared-data.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const EMODB = sharedPath('data/emodb');
export const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
export const ARTIFACTS = path.join(REPO, 'test-results', 'e2e');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `studio-e2e-${prefix}-`));
}
