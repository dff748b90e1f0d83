import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../../src/core/util/emitter.js';

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

describe('typed emitter for transports', () => {
  it("hands every event to onAny subscribers, after the event's own subscribers", () => {
    const e = new TypedEmitter<{ tick: number; msg: string }>();
    const seen: string[] = [];
    e.on('tick', (n) => seen.push(`tick ${n}`));
    const off = e.onAny((event, payload) => seen.push(`any ${event} ${String(payload)}`));
    e.emit('tick', 1);
    e.emit('msg', 'hi');
    expect(e.listenerCount()).toBe(2);
    off();
    e.emit('msg', 'gone');
    expect(seen).toEqual(['tick 1', 'any tick 1', 'any msg hi']);
    e.clear();
    expect(e.listenerCount()).toBe(0);
  });

  it('reports a throwing subscriber and goes on when given an error handler, and throws without one', () => {
    const errors: unknown[] = [];
    const guarded = new TypedEmitter<{ tick: number }>((err) => errors.push(err));
    const seen: number[] = [];
    guarded.on('tick', () => {
      throw new Error('broken client');
    });
    guarded.on('tick', (n) => seen.push(n));
    guarded.emit('tick', 3);
    expect(seen).toEqual([3]);
    expect(errors).toEqual([new Error('broken client')]);

    const plain = new TypedEmitter<{ tick: number }>();
    plain.on('tick', () => {
      throw new Error('stop');
    });
    expect(() => plain.emit('tick', 0)).toThrow('stop');
  });
});
