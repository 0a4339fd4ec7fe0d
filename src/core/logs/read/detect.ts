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

/**
 * JSON lines, not the opening of a pretty-printed object: the first line is more than a bare `{`
 * or a line that opens an array or continues a member (a broken first record still means JSON lines).
 */
function isOneLineObject(text: string, start: number): boolean {
  const end = text.indexOf('\n', start)
  const line = (end === -1 ? text.slice(start) : text.slice(start, end)).trim()
  if (end === -1) return line.endsWith('}')
  return line !== '{' && !line.endsWith('[') && !line.endsWith(',') && !line.endsWith(':')
}
