/**
 * Output that repeats with a few values changed (a healthy result of a long capture: the same
 * token, method and status, another source, URL and time), checked by the output-boundary redaction
 * without scanning every copy: the fixed text once per template, each value once (its JSON literal).
 *
 * Why that is the same as redacting the whole text: each value is a JSON string literal (quoted,
 * escaped, on one line) placed after `": "` and followed by a line break or `,` and a line break.
 * Every redaction pattern that could reach across a value's quotes needs a quote, a colon or `=`
 * on the same line right after it, or a run of token characters that a quote ends; neither is
 * possible at those places. A template that breaks the rule is refused when it is made.
 */

import { redactSecrets } from '../redact.js'
import { isPlainText } from './plain.js'

/** Fixed text with holes for JSON string literals: `parts[0] + v0 + parts[1] + … + parts[n]`. */
export class OutputTemplate {
  readonly parts: readonly string[]

  /** @throws Error when a hole is not between `": "` and a line break (a programming error). */
  constructor(parts: readonly string[]) {
    for (let i = 0; i + 1 < parts.length; i++) {
      const next = parts[i + 1] ?? ''
      if (!(parts[i] ?? '').endsWith('": ') || !(next.startsWith('\n') || next.startsWith(',\n'))) throw new Error('OutputTemplate: a value must sit between `": ` and a line break')
    }
    this.parts = parts
  }
}

/** A template and its values, each a JSON string literal (`JSON.stringify` of a string). */
export interface FilledTemplate {
  readonly template: OutputTemplate
  readonly values: readonly string[]
}

/** A piece of output: text, or a filled template. */
export type OutputPart = string | FilledTemplate

/** The text of a filled template. */
export function fillTemplate({ template, values }: FilledTemplate): string {
  const { parts } = template
  let text = parts[0] ?? ''
  for (let i = 1; i < parts.length; i++) text += (values[i - 1] ?? '""') + (parts[i] ?? '')
  return text
}

/** The text of output parts. */
export function joinParts(parts: readonly OutputPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : fillTemplate(part))).join('')
}

/** Clean values remembered before starting afresh, and the longest one remembered. */
const VALUE_LIMIT = 10_000
const MAX_VALUE = 1024

/**
 * `redact` over output parts, as pieces of text in order: consecutive texts redacted together, a filled template checked by
 * parts (see the module comment) and redacted whole only when its fixed text or a value holds a
 * secret. Memory is bounded: templates are remembered weakly, clean values up to a limit.
 */
export function createPartsRedactor(redact: (text: string) => string): (parts: readonly OutputPart[]) => string[] {
  const templates = new WeakMap<OutputTemplate, boolean>()
  let cleanValues = new Set<string>()
  const templateIsClean = (template: OutputTemplate): boolean => {
    let clean = templates.get(template)
    if (clean === undefined) {
      const text = template.parts.join('""')
      clean = redact(text) === text
      templates.set(template, clean)
    }
    return clean
  }
  // A value that changes in every result (its source) proved clean by its characters, when `redact` is redactSecrets (plain.ts).
  const plain = redact === redactSecrets ? isPlainText : (): boolean => false
  const valueIsClean = (value: string): boolean => {
    if (plain(value) || cleanValues.has(value)) return true
    if (!value.startsWith('"') || !value.endsWith('"') || value.length < 2 || value.includes('\n') || redact(value) !== value) return false
    if (value.length <= MAX_VALUE) {
      if (cleanValues.size >= VALUE_LIMIT) cleanValues = new Set()
      cleanValues.add(value)
    }
    return true
  }
  const filled = (part: FilledTemplate): string => {
    const text = fillTemplate(part)
    return templateIsClean(part.template) && part.values.every(valueIsClean) ? text : redact(text)
  }
  // Pieces, not one string: a writer encodes each on its own, so one character past Latin-1 (an en dash
  // in a fix step) makes only its own piece slow to encode, not a whole 64 KiB write.
  return (parts) => {
    const out: string[] = []
    let run = ''
    for (const part of parts) {
      if (typeof part === 'string') {
        run += part
        continue
      }
      if (run !== '') out.push(redact(run))
      run = ''
      out.push(filled(part))
    }
    if (run !== '') out.push(redact(run))
    return out
  }
}
