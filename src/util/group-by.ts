/**
 * Items grouped by a key, groups in the order their first item came, items in their own order.
 * (Map.groupBy arrives with Node 21; Meridian runs on 20.)
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
