import { clipRedacted } from '../redact.js'
import type { GraphErrorBody } from './types.js'

const HTML = /^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/i
const TITLE_OPEN = /<title/gi
const TITLE_CLOSE = /<\/title>/gi
const HEADING_OPEN = /<h[12]/gi
const HEADING_CLOSE = /<\/h[12]>/gi
const SCRIPT_OPEN = /<(script|style)/gi
const SCRIPT_CLOSE = /<\/script>/gi
const STYLE_CLOSE = /<\/style>/gi
const MAX_MESSAGE = 300

/**
 * An error body that is not JSON: an HTML page (title, else first heading, else its text) or plain
 * text (first line); a truncated JSON error still gives its `code` and `message`. Undefined when empty.
 *
 * @example
 * readMarkupOrText('<html><head><title>403 - Forbidden: Access is denied.</title></head></html>')
 * // { code: '', message: '403 - Forbidden: Access is denied.', innerCodes: [], form: 'html' }
 */
export function readMarkupOrText(body: string | undefined): GraphErrorBody | undefined {
  const text = body?.trim() ?? ''
  if (text === '') return undefined
  if (HTML.test(text)) {
    const message = clean(elementText(text, TITLE_OPEN, TITLE_CLOSE) ?? elementText(text, HEADING_OPEN, HEADING_CLOSE) ?? stripTags(text))
    return message === '' ? undefined : { code: '', message, innerCodes: [], form: 'html' }
  }
  if (text.startsWith('{')) return truncatedJson(text)
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? ''
  return { code: '', message: clean(line), innerCodes: [], form: 'text' }
}

/** A JSON error cut off by a capture tool: its fields by pattern. */
function truncatedJson(text: string): GraphErrorBody | undefined {
  const code = /"code"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1]
  const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"?/.exec(text)?.[1]
  if (code === undefined && message === undefined) return undefined
  return { code: unescape(code ?? ''), message: clean(unescape(message ?? '')), innerCodes: [], form: 'text' }
}

function unescape(value: string): string {
  return value.replace(/\\(["\\/])/g, '$1').replace(/\\[rn]/g, ' ')
}

/** Where `pattern` (global) first matches at or after `from`, or -1. */
function indexFrom(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from
  return pattern.exec(text)?.index ?? -1
}

/**
 * The text of the first element opened by `open` and closed by `close`, by search rather than by one
 * regex: `<title[^>]*>([\s\S]*?)<\/title>` was not linear on pages with many unclosed tags.
 */
function elementText(html: string, open: RegExp, close: RegExp): string | undefined {
  const start = indexFrom(open, html, 0)
  const contentStart = start < 0 ? -1 : html.indexOf('>', start)
  if (contentStart < 0) return undefined
  const end = indexFrom(close, html, contentStart + 1)
  return end < 0 ? undefined : html.slice(contentStart + 1, end)
}

/** The page without its script and style blocks, then without tags. */
function stripTags(html: string): string {
  return withoutScripts(html).replace(/<[^<>]+>/g, ' ')
}

function withoutScripts(html: string): string {
  let kept = ''
  let cursor = 0
  let from = 0
  // Once a search fails it fails for every later start too: remembering that keeps this linear.
  const unclosed = { script: false, style: false }
  for (let open = indexFrom(SCRIPT_OPEN, html, from); open >= 0; open = indexFrom(SCRIPT_OPEN, html, from)) {
    const kind = html.slice(open + 1, open + 7).toLowerCase() === 'script' ? 'script' : 'style'
    const tagEnd = html.indexOf('>', open)
    if (tagEnd < 0) break
    const close = unclosed[kind] ? -1 : indexFrom(kind === 'script' ? SCRIPT_CLOSE : STYLE_CLOSE, html, tagEnd + 1)
    if (close < 0) {
      unclosed[kind] = true
      from = open + 1
      continue
    }
    kept += `${html.slice(cursor, open)} `
    cursor = close + kind.length + 3
    from = cursor
  }
  return kept + html.slice(cursor)
}

function clean(text: string): string {
  const decoded = stripTags(text).replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim()
  return clipRedacted(decoded, MAX_MESSAGE)
}
