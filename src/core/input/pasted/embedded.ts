/**
 * Error bodies embedded in pasted text: the JSON a tool printed after its own words
 * (`ResponseBody: {"error":…}`, `Invoke-MgGraphRequest … {"error":{…}}`) or a Python dict repr.
 */
import { isJsonObject } from '../../response/json.js'
import { jsonErrorOffset } from '../json-locate.js'
import { pythonReprEnd, pythonReprToJson } from './python-repr.js'

/** Where a JSON or Python error object may start: `{"error"` or `{'error'`, spaces allowed. */
const ERROR_OBJECT_START = /\{\s*(["'])error\1\s*:/g
/** The same body printed as a string literal (Swift `Optional("{\r\n  \"error\"…")`, a logged JSON string). */
const ESCAPED_OBJECT_START = /\{(?:\s|\\[rnt])*\\"error\\"(?:\s|\\[rnt])*:/
/** The longest escaped body read: a string literal longer than this is not a pasted error body. */
const MAX_ESCAPED = 200_000

const MAX_TRIES = 8

/** A JSON object found in a text, as compact text and parsed. */
export interface EmbeddedObject {
  readonly text: string
  readonly json: Record<string, unknown>
}

/**
 * The first `{"error": …}` (JSON) or `{'error': …}` (Python repr) object of a text that parses,
 * converted to JSON; undefined when there is none.
 *
 * @example
 * findErrorObject('ResponseBody: {"error":"invalid_grant"} Headers: …')?.json // { error: 'invalid_grant' }
 */
export function findErrorObject(text: string): EmbeddedObject | undefined {
  ERROR_OBJECT_START.lastIndex = 0
  let tries = 0
  // Each try scans to the end of its object; a bounded number keeps a text of many `{"error":` linear.
  for (let match = ERROR_OBJECT_START.exec(text); match !== null && tries < MAX_TRIES; match = ERROR_OBJECT_START.exec(text), tries++) {
    const found = match[1] === '"' ? jsonAt(text, match.index) : pythonAt(text, match.index)
    if (found !== undefined) return found
  }
  return escapedAt(text)
}

/** A body inside a string literal: up to the first unescaped quote or line end, its escapes undone, then parsed. */
function escapedAt(text: string): EmbeddedObject | undefined {
  const start = ESCAPED_OBJECT_START.exec(text)?.index
  if (start === undefined) return undefined
  const quote = text.charAt(start - 1) === "'" ? "'" : '"'
  let end = start
  const limit = Math.min(text.length, start + MAX_ESCAPED)
  while (end < limit && !`${quote}\r\n`.includes(text.charAt(end))) end += text.charAt(end) === '\\' ? 2 : 1
  const literal = text.slice(start, Math.min(end, limit)).replaceAll("\\'", "'")
  try {
    const unescaped = JSON.parse(`"${literal}"`) as unknown
    return typeof unescaped === 'string' ? parsed(unescaped) : undefined
  } catch {
    return undefined
  }
}

function jsonAt(text: string, start: number): EmbeddedObject | undefined {
  const rest = text.slice(start)
  const end = jsonErrorOffset(rest) ?? rest.length
  return parsed(rest.slice(0, end))
}

function pythonAt(text: string, start: number): EmbeddedObject | undefined {
  const end = pythonReprEnd(text, start)
  if (end === undefined) return undefined
  const json = pythonReprToJson(text.slice(start, end))
  return json === undefined ? undefined : parsed(json)
}

function parsed(candidate: string): EmbeddedObject | undefined {
  try {
    const json = JSON.parse(candidate) as unknown
    return isJsonObject(json) ? { text: JSON.stringify(json), json } : undefined
  } catch {
    return undefined
  }
}
