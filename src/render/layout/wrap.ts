/**
 * Word wrapping for terminal output. Widths ignore ANSI codes; a line breaks only between words and
 * a word is never split. A backtick code span is one word, spaces included. When a paragraph does not
 * fit on one line, every URL stands on a line of its own, so that it can be copied whole.
 */
import { stripAnsi } from './style.js'

/** The width when the terminal's is unknown (a pipe, a file). */
export const DEFAULT_WIDTH = 80
/** Narrower than this, hanging indents leave too little room: wrap as if the terminal were this wide. */
export const MIN_WIDTH = 40

/** Where a paragraph starts and how its continuation lines are indented. */
export interface WrapOptions {
  readonly width: number
  /** Printed before the first line (an indent, a list number). */
  readonly first?: string
  /** Printed before every continuation line: the hanging indent. */
  readonly rest?: string
}

/** Columns a string takes in a terminal (ANSI codes take none). */
export function visibleLength(text: string): number {
  return [...stripAnsi(text)].length
}

/** A URL, maybe inside parentheses, quotes or backticks (`(https://…)`), maybe after its HTTP method. */
const URL_WORD = /^(?:[A-Z]{3,7} )?[(`'"<]*https?:\/\//
const HTTP_METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/

/** `GET` and the URL after it stay together: a request line reads as one. */
function glueMethods(words: readonly string[]): string[] {
  const glued: string[] = []
  for (const word of words) {
    const previous = glued.at(-1)
    if (previous !== undefined && HTTP_METHOD.test(stripAnsi(previous)) && isUrlWord(word)) glued[glued.length - 1] = `${previous} ${word}`
    else glued.push(word)
  }
  return glued
}

const OPTION_WORD = /^--?[A-Za-z]/
const MAX_BRACED_WORDS = 4

/**
 * Words that read as one stay on one line: an option after the word it belongs to (`curl -v`,
 * `logs --partial`, one option, never a chain), and a short `{…}` placeholder (`{id or userPrincipalName}`).
 */
function glueReadingUnits(words: readonly string[]): string[] {
  const glued: string[] = []
  let openBrace = -1
  for (const word of words) {
    const plain = stripAnsi(word)
    const previous = glued.at(-1)
    if (openBrace >= 0 && previous !== undefined) {
      glued[glued.length - 1] = `${previous} ${word}`
      if (plain.includes('}') || ++openBrace >= MAX_BRACED_WORDS) openBrace = -1
      continue
    }
    const before = previous === undefined ? '' : stripAnsi(previous)
    if (previous !== undefined && OPTION_WORD.test(plain) && !OPTION_WORD.test(before) && !before.includes(' ') && !isUrlWord(previous)) glued[glued.length - 1] = `${previous} ${word}`
    else glued.push(word)
    const last = stripAnsi(glued.at(-1) ?? '')
    const braceAt = last.lastIndexOf('{')
    if (braceAt >= 0 && !last.includes('}', braceAt)) openBrace = 1
  }
  return glued
}

/** Whether a word is (or holds) a URL that must stay whole on its own line. */
export function isUrlWord(word: string): boolean {
  return URL_WORD.test(stripAnsi(word))
}

/** The words of a paragraph: split at whitespace outside backtick code spans. */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let index = 0
  while (index < text.length) {
    const char = text[index] ?? ''
    if (char === '`') {
      const fence = /^`+/.exec(text.slice(index))?.[0] ?? '`'
      const close = text.indexOf(fence, index + fence.length)
      const end = close === -1 ? index + fence.length : close + fence.length
      word += text.slice(index, end)
      index = end
    } else if (/\s/.test(char)) {
      if (word !== '') words.push(word)
      word = ''
      index++
    } else {
      word += char
      index++
    }
  }
  if (word !== '') words.push(word)
  return words
}

/**
 * A paragraph as lines of at most `width` columns (a single word longer than that overflows: it is
 * never split). Leading and trailing whitespace go; runs of spaces collapse when the text wraps.
 *
 * @example
 * wrapText('see https://learn.microsoft.com/graph/permissions-reference for more', { width: 40, rest: '  ' })
 * // ['see', '  https://learn.microsoft.com/graph/permissions-reference', '  for more']
 */
export function wrapText(text: string, options: WrapOptions): string[] {
  const first = options.first ?? ''
  const rest = options.rest ?? first
  const words = glueReadingUnits(glueMethods(splitWords(text)))
  // A line that fits keeps its own spacing (aligned columns); only wrapped lines are re-spaced.
  const oneLine = first + text.trim()
  if (visibleLength(oneLine) <= options.width || words.length <= 1) return [words.length <= 1 ? first + (words[0] ?? '') : oneLine]
  const lines: string[] = []
  let line = first
  let isEmpty = true
  const flush = (): void => {
    lines.push(line)
    line = rest
    isEmpty = true
  }
  for (const word of words) {
    if (isUrlWord(word)) {
      if (!isEmpty) flush()
      line += word
      flush()
      continue
    }
    if (!isEmpty && visibleLength(line) + 1 + visibleLength(word) > options.width) flush()
    line += isEmpty ? word : ` ${word}`
    isEmpty = false
  }
  if (!isEmpty) lines.push(line)
  return lines
}

/**
 * The output width for a terminal of `columns` columns: {@link DEFAULT_WIDTH} when unknown, at
 * least {@link MIN_WIDTH}.
 */
export function outputWidth(columns: number | undefined): number {
  if (columns === undefined || !Number.isFinite(columns) || columns <= 0) return DEFAULT_WIDTH
  return Math.max(MIN_WIDTH, Math.floor(columns))
}

/**
 * Every line of a preformatted text wrapped on its own: continuation lines hang under a label column
 * (`  cache     /path…`) when the line has one, else two columns in from the line's indent.
 *
 * @example
 * wrapBlock('Cache: ready\n  cache     /home/me/.cache/graph-doctor', 60)
 */
export function wrapBlock(text: string, width: number): string {
  const lines = text.replace(/\n$/, '').split('\n')
  const wrapped = lines.flatMap((line) => {
    const indent = /^ */.exec(line)?.[0] ?? ''
    const label = /^ *\S+(?: \S+)? {2,}(?=\S)/.exec(line)?.[0]
    if (label !== undefined && label.length <= width / 2) return wrapText(line.slice(label.length), { width, first: label, rest: ' '.repeat(label.length) })
    return wrapText(line.slice(indent.length), { width, first: indent, rest: `${indent}  ` })
  })
  return `${wrapped.join('\n')}${text.endsWith('\n') ? '\n' : ''}`
}
