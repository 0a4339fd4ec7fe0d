/**
 * Where a JSON text stops being valid: the character offset of the first syntax error, or undefined
 * when it is valid. `JSON.parse` messages differ between engines and may quote the text (a token,
 * say), so error messages use this offset instead.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = { text, at: 0 }
  try {
    skipSpace(scanner)
    value(scanner)
    skipSpace(scanner)
    return scanner.at < text.length ? scanner.at : undefined
  } catch {
    return Math.min(scanner.at, text.length)
  }
}

interface Scanner {
  readonly text: string
  at: number
}

const LITERAL = /true|false|null/y
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const STRING_CHUNK = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y

function value(scanner: Scanner): void {
  const char = scanner.text.charAt(scanner.at)
  if (char === '{') return container(scanner, '}', member)
  if (char === '[') return container(scanner, ']', value)
  if (char === '"') return string(scanner)
  if (!sticky(scanner, LITERAL) && !sticky(scanner, NUMBER)) throw new SyntaxError('value')
}

function container(scanner: Scanner, close: string, item: (scanner: Scanner) => void): void {
  scanner.at++
  skipSpace(scanner)
  if (scanner.text.charAt(scanner.at) === close) {
    scanner.at++
    return
  }
  for (;;) {
    item(scanner)
    skipSpace(scanner)
    const char = scanner.text.charAt(scanner.at)
    if (char === close) {
      scanner.at++
      return
    }
    if (char !== ',') throw new SyntaxError('separator')
    scanner.at++
    skipSpace(scanner)
  }
}

function member(scanner: Scanner): void {
  if (scanner.text.charAt(scanner.at) !== '"') throw new SyntaxError('key')
  string(scanner)
  skipSpace(scanner)
  if (scanner.text.charAt(scanner.at) !== ':') throw new SyntaxError('colon')
  scanner.at++
  skipSpace(scanner)
  value(scanner)
}

function string(scanner: Scanner): void {
  scanner.at++
  sticky(scanner, STRING_CHUNK)
  if (scanner.text.charAt(scanner.at) !== '"') throw new SyntaxError('string')
  scanner.at++
}

function sticky(scanner: Scanner, pattern: RegExp): boolean {
  pattern.lastIndex = scanner.at
  const match = pattern.exec(scanner.text)
  if (match === null || match[0] === '') return false
  scanner.at += match[0].length
  return true
}

function skipSpace(scanner: Scanner): void {
  while (/[ \t\r\n]/.test(scanner.text.charAt(scanner.at))) scanner.at++
}
