import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeToken } from '../../../src/renderer/lib/client/token.js';

function fakeStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

function fakeHistory(): History & { replaced: string[] } {
  const replaced: string[] = [];
  return {
    replaced,
    state: null,
    replaceState: (_s: unknown, _t: string, url?: string | URL | null) => replaced.push(String(url)),
  } as unknown as History & {
    replaced: string[];
  };
}

describe('the page token', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is taken from ?token=, kept for reloads, and removed from the address bar', () => {
    vi.stubGlobal('sessionStorage', fakeStorage());
    const history = fakeHistory();
    const token = takeToken({ href: 'http://127.0.0.1:5000/?token=abc&x=1#review' } as Location, history);
    expect(token).toBe('abc');
    expect(history.replaced).toEqual(['/?x=1#review']);
    // a reload: no token in the URL any more, the stored one is used
    expect(takeToken({ href: 'http://127.0.0.1:5000/?x=1' } as Location, fakeHistory())).toBe('abc');
  });

  it('is empty when the page was opened without one', () => {
    vi.stubGlobal('sessionStorage', fakeStorage());
    expect(takeToken({ href: 'http://127.0.0.1:5000/' } as Location, fakeHistory())).toBe('');
  });
});
