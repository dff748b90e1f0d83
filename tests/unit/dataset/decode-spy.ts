import type * as Load from '../../../src/core/audio/load.js';

/**
 * The audio loader with every file it is handed recorded in `seen.names` (it still decodes them): how the
 * import tests prove that known content is never decoded again. For a test file's
 * `vi.mock('…/audio/load.js', async (original) => (await import('./decode-spy.js')).spyOnDecoder(await original(), seen))`.
 */
export function spyOnDecoder(real: typeof Load, seen: { names: string[] }): typeof Load {
  return {
    ...real,
    loadAudio: (...args: Parameters<typeof real.loadAudio>) => {
      seen.names.push(args[1] ?? '(unnamed)');
      return real.loadAudio(...args);
    },
  };
}
