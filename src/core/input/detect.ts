import type { InputFormat } from '../exchange.js'
import { isJsonObject, stripBom } from '../response/json.js'
import { parseRequestLine, STATUS_LINE } from './http-lines.js'
import { isActionOutputs } from './json-errors.js'
import { sniffPasted } from './pasted/detect.js'
import { pythonReprToJson } from './pasted/python-repr.js'
import { splitLines } from './text.js'

/** A detected format, with the parsed JSON when the input was JSON (so it is parsed once). */
export interface Sniffed {
  readonly format: InputFormat | undefined
  readonly json?: unknown
  /** The text to parse when it is not the input itself (a Python dict repr converted to JSON). */
  readonly text?: string
}

const CURL_REQUEST = /^> (?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+/
const CURL_RESPONSE = /^< HTTP\/\d/

/**
 * Recognise the format of an input from its content (never from a file extension).
 * Undefined when it is none of HAR, curl -v, raw HTTP, token-endpoint error, MSAL error, Graph error
 * (JSON or a Python dict repr), PowerShell error record, Graph SDK error print-out or sign-in error text.
 *
 * @example
 * detectFormat('{"log":{"version":"1.2","entries":[]}}') // 'har'
 * detectFormat('HTTP/1.1 401 Unauthorized\n\n') // 'raw-http'
 */
export function detectFormat(text: string): InputFormat | undefined {
  return sniff(text).format
}

export function sniff(text: string): Sniffed {
  const trimmed = stripBom(text).trimStart()
  if (trimmed.startsWith('{')) return sniffJson(trimmed)
  const lines = splitLines(trimmed).slice(0, 500)
  if (lines.some((line) => CURL_REQUEST.test(line) || CURL_RESPONSE.test(line))) return { format: 'curl' }
  const first = lines[0]?.trim() ?? ''
  if (parseRequestLine(first) !== undefined || STATUS_LINE.test(first)) return { format: 'raw-http' }
  return { format: sniffPasted(trimmed) }
}

function sniffJson(text: string): Sniffed {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // Broken JSON that starts like a HAR is an invalid HAR (reported as such), not "unknown".
    if (/^\{\s*"log"\s*:/.test(text)) return { format: 'har' }
    return sniffPythonDict(text)
  }
  return { format: jsonFormat(json), json }
}

/** `{'error': …}` as Python prints a dict (MSAL Python results, `requests` bodies): read as its JSON. */
function sniffPythonDict(text: string): Sniffed {
  const converted = pythonReprToJson(text.trim())
  if (converted === undefined) return { format: sniffPasted(text) }
  const json = JSON.parse(converted) as unknown
  const format = jsonFormat(json)
  return format === undefined ? { format: undefined } : { format, json, text: converted }
}

function jsonFormat(json: unknown): InputFormat | undefined {
  if (!isJsonObject(json)) return undefined
  if ('log' in json) return 'har'
  const error = json['error']
  if (typeof error === 'string') return 'token-error'
  const keys = Object.keys(json).map((key) => key.toLowerCase())
  if (keys.includes('errorcode') || keys.includes('errormessage')) return 'msal-error'
  if (isJsonObject(error)) return 'graph-error'
  // A Logic Apps / Power Automate HTTP action's outputs, or its inputs and outputs.
  if (isActionOutputs(json) || (isJsonObject(json['outputs']) && isActionOutputs(json['outputs']))) return 'graph-error'
  // The error object without its wrapper, as SDKs and tools print it (`{"code":"…","message":"…","innerError":…}`).
  if (typeof json['code'] === 'string' && typeof json['message'] === 'string') return 'graph-error'
  return undefined
}
