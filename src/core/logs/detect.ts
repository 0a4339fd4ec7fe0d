/** Which container a log input is, from its first bytes (the records inside are classified one by one). */

/**
 * - `har`: `{"log":…` (streamed entry by entry);
 * - `json-lines`: one JSON object per line (activity records, sign-ins, or diagnostic-settings envelopes);
 * - `json-array`: `[…]` of records;
 * - `json-document`: one object spread over lines: a Graph page `{"value":[…]}` or an envelope `{"records":[…]}`;
 * - `csv`: a header line of column names, then rows.
 */
export type LogContainer = 'har' | 'json-lines' | 'json-array' | 'json-document' | 'csv'

/**
 * @example
 * detectLogContainer('{"RequestUri":"/v1.0/me"}\n{"RequestUri":"/v1.0/me"}\n') // 'json-lines'
 */
export function detectLogContainer(head: string): LogContainer | undefined {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head
  const start = firstNonBlank(text)
  const first = text.charAt(start)
  if (first === '[') return 'json-array'
  if (first === '{') {
    if (/^\{\s*"log"\s*:/.test(text.slice(start, start + 64))) return 'har'
    return isOneLineObject(text, start) ? 'json-lines' : 'json-document'
  }
  if (first === '') return undefined
  const header = text.slice(start, lineEnd(text, start))
  return header.includes(',') || /^"?[A-Za-z_]+"?$/.test(header) ? 'csv' : undefined
}

function firstNonBlank(text: string): number {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) <= 0x20)) i++
  return i
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}

/** The first line is a whole JSON object (JSON lines), not the opening of a pretty-printed one. */
function isOneLineObject(text: string, start: number): boolean {
  const end = text.indexOf('\n', start)
  if (end === -1) return !looksOpenEnded(text.slice(start))
  const line = text.slice(start, end).trimEnd()
  if (!line.endsWith('}')) return false
  try {
    JSON.parse(line)
    return true
  } catch {
    return false
  }
}

function looksOpenEnded(text: string): boolean {
  try {
    JSON.parse(text)
    return false
  } catch {
    return true
  }
}
