/** "Did you mean …?" for a mistyped command or option. */

/** Edits between two words: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1)
      row.push(best)
    }
    rows.push(row)
  }
  return rows[a.length]?.[b.length] ?? Number.POSITIVE_INFINITY
}

/**
 * The known word closest to what was typed, when it is close enough to be a typo (a third of its
 * letters at most, at least one) or the typed word is its start (`perm` for `perms`); else undefined.
 */
export function closestWord(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase()
  if (word.length < 2 || word.length > 64) return undefined
  let best: { word: string; distance: number } | undefined
  for (const candidate of known) {
    const distance = candidate.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, candidate)
    if (best === undefined || distance < best.distance) best = { word: candidate, distance }
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(best.word.length / 3)) ? best.word : undefined
}

/** ` (did you mean diagnose?)`, or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const word = closestWord(typed, known)
  return word === undefined ? '' : `; did you mean ${word}?`
}
