// The layer table in eslint.config.js, run through ESLint as `npm run lint` runs it, on planted imports.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: REPO });

/** The layer rule's messages for `code` as if it stood at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

describe('the layer table', () => {
  it('refuses a browser-safe engine file a Node-only one, statically and dynamically, but allows its types', async () => {
    const file = 'src/core/metrics/planted.ts';
    expect(await layerErrors(file, "export { openDatabase } from '../dataset/node/db.js';\n")).toEqual([
      expect.stringMatching(/^engine may not import engine-node \('\.\.\/dataset\/node\/db\.js'\)/),
    ]);
    expect(await layerErrors(file, "export const load = () => import('../studio/service.js');\n")).toEqual([
      expect.stringMatching(/^engine may not import studio/),
    ]);
    expect(await layerErrors(file, "export const load = () => import('node:fs');\n")).toEqual([
      expect.stringMatching(/^engine may not import node/),
    ]);
    expect(
      await layerErrors(
        file,
        "import type { Db } from '../dataset/node/db-handle.js';\nexport type D = Db;\n",
      ),
    ).toEqual([]);
  });

  it('holds the studio service to the table too: no shell, static or dynamic', async () => {
    const file = 'src/core/studio/planted.ts';
    expect(
      await layerErrors(file, "import { startServer } from '../../server/server.js';\nvoid startServer;\n"),
    ).toEqual([expect.stringMatching(/^studio may not import server/)]);
    expect(await layerErrors(file, 'export const load = () => import(`../../cli/main.js`);\n')).toEqual([
      expect.stringMatching(/^studio may not import cli/),
    ]);
    expect(await layerErrors(file, "export { openProject } from '../dataset/node/index.js';\n")).toEqual([]);
  });

  it('keeps the renderer off Node and the contract at the bottom', async () => {
    expect(
      await layerErrors(
        'src/renderer/lib/planted.ts',
        "export const load = () => import('../../core/dataset/node/index.js');\n",
      ),
    ).toEqual([expect.stringMatching(/^renderer may not import engine-node/)]);
    expect(
      await layerErrors(
        'src/renderer/lib/planted.ts',
        "export { createRng } from '../../core/util/random.js';\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors('src/common/planted.ts', "export { createRng } from '../core/util/random.js';\n"),
    ).toEqual([expect.stringMatching(/^contract may not import engine/)]);
    expect(
      await layerErrors('src/preload/planted.ts', "export { studioIpc } from '../main/ipc.js';\n"),
    ).toEqual([expect.stringMatching(/^preload may not import main/)]);
  });
});
