/**
 * Cheap proofs that a redaction pattern cannot match, checked before it runs. V8 compiles a regex on
 * its first use (to native code at once for a global replace over 1,000+ characters), and a run pays
 * that twice (the bin's copy of these modules and the command file's); a JavaScript loop over every
 * character is no cheaper before V8 has optimised it. Most output holds no scheme word before a
 * blank, no `Cookie:` line, no `@`, no backslash: those patterns then never run. Each check is a
 * necessary condition of its pattern, made of native `toLowerCase`/`indexOf` calls;
 * `test/core/redact-prefilter.test.ts` holds every one against its pattern.
 */

/** `Bearer`, `PoP` or `Basic` (any case) right before a space or tab: what every scheme-credential pattern needs. */
export function hasSchemeBeforeBlank(text: string): boolean {
  // Lower-casing maps each ASCII letter to one small letter, and leaves blanks and punctuation as they are.
  const lower = text.toLowerCase()
  return lower.includes('bearer ') || lower.includes('bearer\t') || lower.includes('basic ') || lower.includes('basic\t') || lower.includes('pop ') || lower.includes('pop\t')
}

/** `Authorization` or `Cookie` (any case, also `Proxy-Authorization`, `Set-Cookie`), blanks, then `:`. */
export function hasSecretHeaderName(text: string): boolean {
  const lower = text.toLowerCase()
  return nameBeforeColon(lower, 'cookie') || nameBeforeColon(lower, 'authorization')
}

function nameBeforeColon(lower: string, name: string): boolean {
  for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
    let next = at + name.length
    while (lower[next] === ' ' || lower[next] === '\t') next++
    if (lower[next] === ':') return true
  }
  return false
}

/** `"name` (any case): where a HAR-style header object starts. */
export function hasQuotedName(text: string): boolean {
  return text.includes('"') && text.toLowerCase().includes('"name')
}
