/** A commander parser for a positive number of seconds, naming the flag when it is not one. */
export function secondsOption(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${flag} must be a positive number of seconds, not "${value}"`);
    return n;
  };
}
