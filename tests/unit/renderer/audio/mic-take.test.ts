import { describe, expect, it } from 'vitest';
import { MIC_RATE } from '../../../../src/renderer/lib/audio/mic.js';
import { MicTake } from '../../../../src/renderer/lib/audio/mic-take.svelte.js';

/** A microphone the test feeds by hand. */
function fakeMic() {
  const mic = { feed: (_block: Float32Array) => {}, stopped: 0 };
  const open = async (onBlock: (block: Float32Array) => void) => {
    mic.feed = onBlock;
    return { stop: () => void mic.stopped++ };
  };
  return { mic, open };
}

describe('a microphone take', () => {
  it('counts the seconds as blocks come and hands back the whole signal when stopped', async () => {
    const { mic, open } = fakeMic();
    const take = new MicTake(30, () => {}, open);
    expect(take.stop()).toBeNull();
    await take.start();
    expect(take.recording).toBe(true);
    mic.feed(new Float32Array(MIC_RATE / 2).fill(0.1));
    mic.feed(new Float32Array(MIC_RATE / 4).fill(0.2));
    expect(take.seconds).toBe(0.75);
    const signal = take.stop();
    expect(signal).toHaveLength((MIC_RATE * 3) / 4);
    expect([signal?.[0], signal?.at(-1)]).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(take.recording).toBe(false);
    expect(mic.stopped).toBe(1);
  });

  it('says when it is full, and starts the next take empty', async () => {
    const { mic, open } = fakeMic();
    let full = 0;
    const take = new MicTake(1, () => full++, open);
    await take.start();
    mic.feed(new Float32Array(MIC_RATE / 2));
    expect(full).toBe(0);
    mic.feed(new Float32Array(MIC_RATE / 2));
    expect(full).toBe(1);
    take.stop();
    await take.start();
    expect(take.seconds).toBe(0);
    mic.feed(new Float32Array(10));
    expect(take.stop()).toHaveLength(10);
  });

  it('refuses a take shorter than asked, saying why, and clears that on the next start', async () => {
    const { mic, open } = fakeMic();
    const take = new MicTake(30, () => {}, open);
    await take.start();
    mic.feed(new Float32Array(MIC_RATE / 4));
    expect(take.stop(0.5, 'Too short')).toBeNull();
    expect(take.error).toBe('Too short');
    await take.start();
    expect(take.error).toBeNull();
    mic.feed(new Float32Array(MIC_RATE / 2));
    expect(take.stop(0.5, 'Too short')).toHaveLength(MIC_RATE / 2);
  });

  it('lets the microphone go when closed mid-take, and says why when there is none', async () => {
    const { mic, open } = fakeMic();
    const take = new MicTake(30, () => {}, open);
    await take.start();
    take.close();
    expect(mic.stopped).toBe(1);
    const refused = new MicTake(
      30,
      () => {},
      () => Promise.reject(new Error('Permission denied')),
    );
    await refused.start();
    expect([refused.recording, refused.error]).toEqual([false, 'Permission denied']);
  });
});
