/**
 * `make` memoised by a key of its arguments: built on first use, then shared (the features' STFT plans, mel
 * filterbanks, DCT matrices and noise models, one per configuration). Treat what it returns as read-only.
 */
export function cachedBy<A extends unknown[], T>(
  keyOf: (...args: A) => string,
  make: (...args: A) => T,
): (...args: A) => T {
  const cache = new Map<string, T>();
  return (...args) => {
    const key = keyOf(...args);
    let value = cache.get(key);
    if (value === undefined) {
      value = make(...args);
      cache.set(key, value);
    }
    return value;
  };
}
