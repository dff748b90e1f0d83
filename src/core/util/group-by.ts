/**
 * Items grouped by a key, in the order each key first appears (and each group in item order). Appends in
 * place: grouping n items costs O(n), where rebuilding a group's array on every item would cost O(n²).
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The indices 0..n-1 grouped by `keyOf(i)`. */
export function groupIndices<K>(n: number, keyOf: (index: number) => K): Map<K, number[]> {
  return groupBy(
    Array.from({ length: n }, (_, i) => i),
    keyOf,
  );
}
