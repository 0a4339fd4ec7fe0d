/**
 * A result's JSON text as a template with a hole at each string member (`"detail": "…",` on a line
 * of its own), so that the output-boundary redaction checks the fixed text once for every failure
 * laid out alike and each value once (see `core/redact/template.ts`): the failures of a capture
 * differ by a few values (their source, URL and the detail that names it), not by their layout,
 * titles and fix steps, which are most of their text.
 */
import { isSecretName } from '../../core/redact.js'
import { OutputTemplate, type FilledTemplate } from '../../core/redact/template.js'

const QUOTE = 0x22
const COMMA = 0x2c
const SPACE = 0x20
const BACKSLASH = 0x5c
/** Member separator: a hole's key is followed by it, then its JSON string literal. */
const MEMBER = '": "'

/** Layouts remembered before starting afresh (a capture's failures fall into a few dozen). */
const LAYOUT_LIMIT = 1000

interface Layout {
  readonly parts: readonly string[]
  readonly template: OutputTemplate | null
}

/** Layouts of the same count of parts and length compared with each other before a new one is made. */
const MAX_ALIKE = 8

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Templates by their fixed text: every failure laid out alike fills the same template object. */
export class JsonHoles {
  private layouts = new Map<string, Layout[]>()
  private count = 0
  private readonly keys = new Map<string, boolean>()

  /** `text` (JSON as `JSON.stringify(…, null, 2)` lays it out, after a line-break separator) as a filled template, or undefined. */
  fill(text: string): FilledTemplate | undefined {
    const parts: string[] = []
    const values: string[] = []
    let fixedFrom = 0
    for (let lineStart = 0; lineStart < text.length; ) {
      const found = text.indexOf('\n', lineStart)
      const lineEnd = found < 0 ? text.length : found
      const valueStart = this.holeStart(text, lineStart, lineEnd)
      if (valueStart !== undefined) {
        const valueEnd = text.charCodeAt(lineEnd - 1) === COMMA ? lineEnd - 1 : lineEnd
        parts.push(text.slice(fixedFrom, valueStart))
        values.push(text.slice(valueStart, valueEnd))
        fixedFrom = valueEnd
      }
      lineStart = lineEnd + 1
    }
    if (values.length === 0) return undefined
    parts.push(text.slice(fixedFrom))
    const template = this.templateOf(parts)
    return template === null ? undefined : { template, values }
  }

  /**
   * The template of these fixed parts, found by their count and length, then compared part by part
   * (a key of the whole fixed text, a few KB, was hashed for every result).
   */
  private templateOf(parts: string[]): OutputTemplate | null {
    let length = 0
    for (const part of parts) length += part.length
    const key = `${parts.length}:${length}`
    let alike = this.layouts.get(key)
    if (alike === undefined) this.layouts.set(key, (alike = []))
    for (const layout of alike) if (sameParts(layout.parts, parts)) return layout.template
    let template: OutputTemplate | null
    try {
      template = new OutputTemplate(parts)
    } catch {
      template = null
    }
    if (++this.count > LAYOUT_LIMIT) {
      this.layouts = new Map([[key, (alike = [])]])
      this.count = 1
    }
    // Layouts of one count and length past a few (hostile input) are not remembered.
    if (alike.length < MAX_ALIKE) alike.push({ parts, template })
    return template
  }

  /**
   * Where the value of a string member on this line starts, or undefined: the line is indentation,
   * a quoted key of letters and digits that names no secret (a secret's key makes the whole member
   * the redaction's to judge), `": "`, and a string literal to the line's end (a comma after it).
   */
  private holeStart(text: string, lineStart: number, lineEnd: number): number | undefined {
    let at = lineStart
    while (at < lineEnd && text.charCodeAt(at) === SPACE) at++
    if (text.charCodeAt(at) !== QUOTE) return undefined
    const keyStart = at + 1
    let keyEnd = keyStart
    while (keyEnd < lineEnd && isKeyCode(text.charCodeAt(keyEnd))) keyEnd++
    if (keyEnd === keyStart || !text.startsWith(MEMBER, keyEnd) || !this.isHoleKey(text.slice(keyStart, keyEnd))) return undefined
    const valueStart = keyEnd + MEMBER.length - 1
    const close = (text.charCodeAt(lineEnd - 1) === COMMA ? lineEnd - 1 : lineEnd) - 1
    return close > valueStart && text.charCodeAt(close) === QUOTE && !isEscaped(text, close, valueStart) ? valueStart : undefined
  }

  private isHoleKey(key: string): boolean {
    let hole = this.keys.get(key)
    if (hole === undefined) {
      if (this.keys.size >= LAYOUT_LIMIT) this.keys.clear()
      this.keys.set(key, (hole = !isSecretName(key)))
    }
    return hole
  }
}

/** Letters and digits: every key of the JSON contract. */
function isKeyCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)
}

/** Whether the quote at `at` is escaped: an odd run of backslashes before it (after `from`). */
function isEscaped(text: string, at: number, from: number): boolean {
  let backslashes = 0
  for (let i = at - 1; i > from && text.charCodeAt(i) === BACKSLASH; i--) backslashes++
  return backslashes % 2 === 1
}
