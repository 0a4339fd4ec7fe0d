/**
 * What the page says about an input it cannot read. The core's reason names the CLI commands that
 * would take it (`graph-doctor token`, `graph-doctor aadsts -`); in the page, the answer is what to
 * paste here instead.
 */
import { GraphDoctorError } from '../../core/errors.js'
import { detectFormat } from '../../core/input/index.js'
import type { InputFormat } from '../../core/exchange.js'

/** The formats the page's `parseInput` path reads (tokens and log exports are taken before it). */
const PAGE_FORMATS: ReadonlySet<InputFormat> = new Set(['har', 'curl', 'raw-http', 'token-error', 'msal-error', 'graph-error', 'powershell-error', 'sdk-error', 'msal-text'])
const BARE_CODE = /^(?:AADSTS)?\d{4,9}$/i

export const PAGE_READS = 'an access token, a raw HTTP exchange, a curl -v transcript, a HAR, a Graph or token-endpoint error body, an MSAL, SDK or PowerShell error text, or a Graph activity or sign-in log export'

/**
 * Throw the page's own `ERR_INPUT_FORMAT` for a text that is no format the page reads; JSON that
 * breaks off is left to `parseInput`, whose error names the line.
 */
export function checkPageInput(text: string, name: string): void {
  const format = detectFormat(text)
  if (format !== undefined && PAGE_FORMATS.has(format)) return
  const trimmed = text.trim()
  if (trimmed === '') return
  if (format === undefined && /^[[{]/.test(trimmed) && !isJson(trimmed)) return
  if (BARE_CODE.test(trimmed)) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: a bare number; write an AADSTS code as AADSTS${trimmed.replace(/^AADSTS/i, '')}, or paste the whole error text it came in`)
  throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: not something this page reads; paste ${PAGE_READS}`)
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
