import type { GraphErrorBody } from './types.js'

const HTML = /^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/i
const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i
const HEADING = /<h[12][^>]*>([\s\S]*?)<\/h[12]>/i
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
    const message = clean(TITLE.exec(text)?.[1] ?? HEADING.exec(text)?.[1] ?? stripTags(text))
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

function stripTags(html: string): string {
  return html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^<>]+>/g, ' ')
}

function clean(text: string): string {
  const plain = stripTags(text).replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim()
  return plain.length > MAX_MESSAGE ? `${plain.slice(0, MAX_MESSAGE - 1)}…` : plain
}
