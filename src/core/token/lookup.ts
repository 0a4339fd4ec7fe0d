/**
 * A table entry by key, own properties only: a claim or host named `constructor` or `valueOf` must
 * not find `Object.prototype` members.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
