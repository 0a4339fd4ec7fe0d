import type { GraphDoctorError } from '../errors.js'
import type { Exchange, InputFormat } from '../exchange.js'
import { isJsonObject } from '../response/json.js'
import { parseCurl } from './curl.js'
import { sniff } from './detect.js'
import { parseHar } from './har.js'
import { actionRunExchange, graphErrorExchange, msalErrorExchange, tokenErrorExchange } from './json-errors.js'
import { parseRawHttp } from './raw-http.js'
import { isPostmanConsole, parsePostmanConsole } from './postman.js'
import { graphTextExchange } from './pasted/graph-text.js'
import { msalTextExchange } from './pasted/msal-text.js'
import { parsePowerShell } from './pasted/powershell.js'
import { jsonErrorOffset } from './json-locate.js'
import { formatError, lineNumberAt, prepareText, splitLines } from './text.js'
import { unsupported } from './unsupported.js'

export { detectFormat } from './detect.js'
export { exchangeFromFlags } from './flags.js'
export type { ExchangeFlags } from './flags.js'
export { expandBatches } from './batch.js'
export { missingForDiagnosis, responseLabel } from './completeness.js'

/**
 * Read one input (a file's text, stdin) into exchanges, detecting the format from the content:
 * HAR 1.2, `curl -v` transcript, raw HTTP exchange, token-endpoint error body, MSAL error JSON, a
 * bare Graph error body (JSON or a Python dict), or a pasted error text: a Microsoft Graph PowerShell
 * error record, a Graph SDK exception print-out, an MSAL or Azure CLI sign-in error. A UTF-8 BOM is ignored; CRLF and LF both work. `$batch` calls are not
 * unpacked here: see {@link expandBatches}.
 *
 * @param name how to name the input in sources and errors (`capture.har`, `stdin`)
 * @throws GraphDoctorError `ERR_INPUT_EMPTY` for empty input, `ERR_INPUT_FORMAT` for anything unusable
 *   (one line naming the input and the entry or line; never a token or body).
 * @example
 * parseInput(harText, 'capture.har')[0]?.source // 'capture.har entry 1'
 */
export function parseInput(text: string, name: string): Exchange[] {
  const clean = prepareText(text, name)
  const { format, json, text: converted } = sniff(clean)
  if (format === undefined) throw unreadable(clean, name)
  return parseAs(format, converted ?? clean, name, json)
}

/** Why no format fits, at the line where JSON stops being JSON when the text looks like JSON. */
function unreadable(text: string, name: string): GraphDoctorError {
  const start = text.search(/\S/)
  const offset = text[start] === '{' || text[start] === '[' ? jsonErrorOffset(text) : undefined
  if (offset === undefined) return formatError(name, 'line 1', unsupported(text))
  return formatError(name, `line ${lineNumberAt(text, offset)}`, 'not valid JSON (a HAR or a Graph, token-endpoint or MSAL error body must be complete JSON)')
}

function parseAs(format: InputFormat, text: string, name: string, json: unknown): Exchange[] {
  switch (format) {
    case 'har':
      return parseHar(text, name, json)
    case 'curl':
      return parseCurl(text, name)
    case 'raw-http':
      return isPostmanConsole(splitLines(text)) ? parsePostmanConsole(text, name) : parseRawHttp(text, name)
    case 'token-error':
      return [tokenErrorExchange(text, name)]
    case 'msal-error':
      return [msalErrorExchange(isJsonObject(json) ? json : {}, name)]
    case 'graph-error': {
      const object = isJsonObject(json) ? json : {}
      return [actionRunExchange(object, name) ?? graphErrorExchange(text, object, name)]
    }
    case 'powershell-error':
      return parsePowerShell(text, name)
    case 'sdk-error':
      return [graphTextExchange(text, name, 'sdk-error')]
    case 'msal-text':
      return [msalTextExchange(text, name)]
    case 'flags':
    case 'batch':
    case 'live':
    case 'activity-log':
      throw formatError(name, 'line 1', unsupported(text))
  }
}
