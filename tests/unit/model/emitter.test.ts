import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../../src/core/model/emitter.js';

describe('typed emitter', () => {
  it('delivers payloads and on() returns its own unsubscribe', () => {
    const e = new TypedEmitter<{ tick: number; msg: string }>();
    const ticks: number[] = [];
    const off = e.on('tick', (n) => ticks.push(n));
    const msgs: string[] = [];
    e.on('msg', (m) => msgs.push(m));
    e.emit('tick', 1);
    off();
    e.emit('tick', 2);
    e.emit('msg', 'hello');
    expect(ticks).toEqual([1]);
    expect(msgs).toEqual(['hello']);
    expect(e.listenerCount('tick')).toBe(0);
  });

  it('lets a listener unsubscribe itself without disturbing the others', () => {
    const e = new TypedEmitter<{ tick: number }>();
    const seen: string[] = [];
    const offA = e.on('tick', () => {
      seen.push('a');
      offA();
    });
    e.on('tick', () => seen.push('b'));
    e.emit('tick', 0);
    e.emit('tick', 0);
    expect(seen).toEqual(['a', 'b', 'b']);
  });
});
