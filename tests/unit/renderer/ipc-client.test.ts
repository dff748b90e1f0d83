import { describe, expect, it } from 'vitest';
import type { StudioBridge } from '../../../src/common/client.js';
import { createIpcClient } from '../../../src/renderer/lib/client/ipc-client.js';

/** A preload bridge that answers from a function and lets the test push events. */
function fakeBridge(
  answer: (method: string, params: unknown) => unknown,
): StudioBridge & { emit(e: string, p: unknown): void } {
  const handlers = new Set<(event: string, payload: unknown) => void>();
  return {
    async request(method, params) {
      try {
        return { ok: true, result: answer(method, params) };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    pickFolder: async () => '/picked',
    pickSaveFolder: async (name) => `/saved/${name}`,
    emit(e, p) {
      for (const h of handlers) h(e, p);
    },
  };
}

describe('the Electron transport (window.studio)', () => {
  it('unwraps the envelope and surfaces errors as exceptions', async () => {
    const bridge = fakeBridge((method) => {
      if (method === 'labels.undo') throw new Error('nothing to undo');
      return { changed: 3 };
    });
    const client = createIpcClient(bridge);
    expect(client.mode).toBe('electron');
    expect(await client.request('clips.relabel', { ids: [1, 2, 3], label: 'sad' })).toEqual({ changed: 3 });
    await expect(client.request('labels.undo', {})).rejects.toThrow('nothing to undo');
  });

  it('routes bridge events to typed subscribers and gives media the studio:// scheme', async () => {
    const bridge = fakeBridge(() => null);
    const client = createIpcClient(bridge);
    const seen: string[] = [];
    const off = client.on('dataset.changed', (p) => seen.push(p.reason));
    bridge.emit('dataset.changed', { reason: 'relabel' });
    bridge.emit('train.done', { runId: 1 });
    off();
    bridge.emit('dataset.changed', { reason: 'undo' });
    expect(seen).toEqual(['relabel']);
    expect(client.clipAudioUrl(9)).toBe('studio://app/api/clips/9/audio');
    expect(client.uploadFiles).toBeNull();
    expect(await client.pickFolder()).toBe('/picked');
    expect(await client.pickSaveFolder('r')).toBe('/saved/r');
  });
});
