/**
 * Microsoft Graph PowerShell output: `Invoke-MgGraphRequest` prints the request line and the raw
 * HTTP response (microsoftgraph/msgraph-sdk-powershell#2826), read as raw HTTP; a cmdlet's error
 * record (`Get-MgUser_List: … Status: 403 (Forbidden) ErrorCode: … Headers: …`) as a Graph error.
 */
import type { Exchange } from '../../exchange.js'
import { parseRawHttp } from '../raw-http.js'
import { splitLines } from '../text.js'
import { INVOKE_REQUEST } from './detect.js'
import { graphTextExchange } from './graph-text.js'

/** The exchanges of a PowerShell error text. */
export function parsePowerShell(text: string, name: string): Exchange[] {
  const lines = splitLines(text)
  const start = lines.findIndex((line) => INVOKE_REQUEST.test(line))
  if (start === -1) return [graphTextExchange(text, name, 'powershell-error')]
  const raw = [(lines[start] ?? '').replace(INVOKE_REQUEST, ''), ...lines.slice(start + 1)].join('\n')
  return parseRawHttp(raw, name).map((exchange) => ({
    ...exchange,
    format: 'powershell-error',
    ...(exchange.request === undefined ? {} : { request: { ...exchange.request, headersOmitted: true as const } }),
  }))
}
