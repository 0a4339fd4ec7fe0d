/**
 * Echoing what the user typed, safely: a mistyped argument may be a secret pasted into the wrong
 * place, so at most a short prefix of plain characters comes back, never the whole of a long value.
 */

/** Values up to this length, of plain characters only, are echoed whole (`jsn`, `markdwn`, `4O3`). */
const WHOLE_UP_TO = 8
/** Longer or unusual values show this many leading plain characters and their length. */
const PREFIX_LENGTH = 4
const PLAIN = /^[A-Za-z0-9._:+-]*$/

/**
 * A quoted, short and safe rendering of an argument.
 *
 * @example
 * echoArgument('jsn') // '"jsn"'
 * echoArgument('eyJ0eXAiOiJKV1Qi…') // '"eyJ0…" (1215 characters)'
 */
export function echoArgument(value: string): string {
  if (value.length <= WHOLE_UP_TO && PLAIN.test(value)) return `"${value}"`
  let prefix = ''
  for (const char of value.slice(0, PREFIX_LENGTH)) {
    if (!PLAIN.test(char)) break
    prefix += char
  }
  return `"${prefix}…" (${value.length} characters)`
}

/**
 * An option as typed: its name when it looks like one (lower-case kebab, up to 16 characters:
 * `--frmat`), else {@link echoArgument} (a secret pasted after `--`).
 *
 * @example
 * echoOption('--verbose') // '--verbose'
 */
export function echoOption(typed: string): string {
  return /^--?[a-z][a-z0-9-]{0,15}$/.test(typed) ? typed : echoArgument(typed)
}
