/**
 * Budgets for untrusted JSON values: `JSON.stringify` and recursion overflow the stack on a value
 * nested a few thousand levels deep (a hostile `$batch` body, a token claim), so values are measured
 * first, without recursion, and summarised past the budget.
 */

/** Deeper than any real request, token or error body. */
export const MAX_JSON_DEPTH = 64

/** True when `value` nests objects or arrays deeper than `limit` levels (iterative: never overflows). */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number }
    if (typeof current !== 'object' || current === null) continue
    if (depth >= limit) return true
    for (const key in current) stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 })
  }
  return false
}

/**
 * `JSON.stringify(value)`, or a one-line summary when the value nests deeper than the budget.
 *
 * @example
 * jsonText({ a: [1] }) // '{"a":[1]}'
 */
export function jsonText(value: unknown, limit: number = MAX_JSON_DEPTH): string {
  if (nestsDeeperThan(value, limit)) return `[JSON nested deeper than ${limit} levels: not shown]`
  return JSON.stringify(value) ?? String(value)
}
