/**
 * Python's `repr` of a dict (what `print(result)` shows for an MSAL Python result or a `requests`
 * JSON body) turned into JSON text: `{'error': 'invalid_grant', 'ok': True}` →
 * `{"error":"invalid_grant","ok":true}`. A character scanner, no regular expressions; undefined for
 * anything that is not a plain literal (objects such as `datetime.datetime(…)` included).
 */

interface Cursor {
  readonly text: string
  at: number
}

const WORDS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' }

/**
 * @example
 * pythonReprToJson("{'error': 'invalid_client', 'error_codes': [7000215]}") // '{"error":"invalid_client","error_codes":[7000215]}'
 */
export function pythonReprToJson(text: string): string | undefined {
  const cursor: Cursor = { text, at: 0 }
  try {
    skipSpace(cursor)
    const json = value(cursor)
    skipSpace(cursor)
    return cursor.at === text.length ? json : undefined
  } catch {
    return undefined
  }
}

/** The end offset of the literal starting at `start` (a dict or list), or undefined when it does not close. */
export function pythonReprEnd(text: string, start: number): number | undefined {
  const cursor: Cursor = { text, at: start }
  try {
    value(cursor)
    return cursor.at
  } catch {
    return undefined
  }
}

function value(cursor: Cursor): string {
  const char = cursor.text.charAt(cursor.at)
  if (char === '{') return container(cursor, '}', (inner) => `${string(inner)}:${afterColon(inner)}`)
  if (char === '[') return container(cursor, ']', value)
  if (char === "'" || char === '"') return string(cursor)
  return scalar(cursor)
}

function afterColon(cursor: Cursor): string {
  skipSpace(cursor)
  if (cursor.text.charAt(cursor.at) !== ':') throw new SyntaxError('colon')
  cursor.at++
  skipSpace(cursor)
  return value(cursor)
}

function container(cursor: Cursor, close: string, item: (cursor: Cursor) => string): string {
  const open = cursor.text.charAt(cursor.at)
  const items: string[] = []
  cursor.at++
  for (;;) {
    skipSpace(cursor)
    if (cursor.text.charAt(cursor.at) === close) break
    items.push(item(cursor))
    skipSpace(cursor)
    const char = cursor.text.charAt(cursor.at)
    if (char === ',') cursor.at++
    else if (char !== close) throw new SyntaxError('separator')
  }
  cursor.at++
  return `${open}${items.join(',')}${close}`
}

function string(cursor: Cursor): string {
  const quote = cursor.text.charAt(cursor.at)
  if (quote !== "'" && quote !== '"') throw new SyntaxError('string')
  let out = ''
  for (let index = cursor.at + 1; index < cursor.text.length; index++) {
    const char = cursor.text.charAt(index)
    if (char === quote) {
      cursor.at = index + 1
      return JSON.stringify(out)
    }
    if (char !== '\\') {
      out += char
      continue
    }
    const [decoded, length] = escape(cursor.text, index + 1)
    out += decoded
    index += length
  }
  throw new SyntaxError('unterminated string')
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0' }

/** A Python escape after the backslash: its text and how many characters it used. */
function escape(text: string, at: number): [string, number] {
  const char = text.charAt(at)
  const simple = SIMPLE_ESCAPES[char]
  if (simple !== undefined) return [simple, 1]
  const width = char === 'x' ? 2 : char === 'u' ? 4 : char === 'U' ? 8 : 0
  const hex = text.slice(at + 1, at + 1 + width)
  if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return [`\\${char}`, 1]
  return [String.fromCodePoint(Number.parseInt(hex, 16)), 1 + width]
}

function scalar(cursor: Cursor): string {
  const match = /[A-Za-z]+|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y
  match.lastIndex = cursor.at
  const found = match.exec(cursor.text)?.[0]
  if (found === undefined) throw new SyntaxError('value')
  cursor.at += found.length
  if (/^-?\d/.test(found)) return found
  const word = WORDS[found]
  if (word === undefined) throw new SyntaxError('not a literal')
  return word
}

function skipSpace(cursor: Cursor): void {
  while (/\s/.test(cursor.text.charAt(cursor.at))) cursor.at++
}
