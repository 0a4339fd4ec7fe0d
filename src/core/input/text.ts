import { GraphDoctorError } from '../errors.js'
import { stripBom } from '../response/json.js'

/** Control characters that never occur in a text capture (tab, LF, VT, FF, CR and ESC are fine). */
const BINARY_CHAR = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/

/**
 * Strip a UTF-8 BOM and refuse empty or binary input, naming the input and line.
 *
 * @throws GraphDoctorError `ERR_INPUT_EMPTY` for empty or whitespace-only text, `ERR_INPUT_FORMAT` for binary data.
 */
export function prepareText(text: string, name: string): string {
  const clean = stripBom(text)
  if (clean.trim() === '') throw new GraphDoctorError('ERR_INPUT_EMPTY', `${name}: the input is empty`)
  const binary = BINARY_CHAR.exec(clean)
  if (binary !== null) {
    const line = lineNumberAt(clean, binary.index)
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: line ${line}: binary data, not a text capture`)
  }
  return clean
}

/** 1-based line number of a character offset. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++
  return line
}

/** Split into lines, accepting CRLF, LF and lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

/** The `ERR_INPUT_FORMAT` error for a whole input, naming a place (`line 3`, `entry 2`). */
export function formatError(name: string, where: string | undefined, reason: string, cause?: unknown): GraphDoctorError {
  const prefix = where === undefined ? name : `${name}: ${where}`
  return new GraphDoctorError('ERR_INPUT_FORMAT', `${prefix}: ${reason}`, cause === undefined ? undefined : { cause })
}

/** Parse a header line `Name: value`; undefined when it is not one. */
export function parseHeaderLine(line: string): readonly [string, string] | undefined {
  const colon = line.indexOf(':')
  if (colon <= 0) return undefined
  const name = line.slice(0, colon).trim()
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return undefined
  return [name, line.slice(colon + 1).trim()]
}
