import { getHeader, type Exchange } from '../exchange.js'
import { parseGraphError } from '../response/graph-error.js'
import { parseTokenEndpointError } from '../response/token-error.js'

/**
 * What an exchange lacks for a diagnosis, in words, or undefined when nothing essential is missing.
 * A token-endpoint error explains itself; a Graph response without its request does not: the
 * permission it needs depends on the method and URL, and the cause often on the token.
 *
 * @example
 * missingForDiagnosis({ source: 'stdin', format: 'graph-error', response: { status: 403, headers: [] } })
 * // 'the request (method and URL) and the token that was sent'
 */
export function missingForDiagnosis(exchange: Exchange): string | undefined {
  const { request, response } = exchange
  if (exchange.unreadable !== undefined) return undefined
  if (response !== undefined && parseTokenEndpointError(response.body) !== undefined) return undefined
  const hasUrl = request !== undefined && request.url.trim() !== ''
  if (hasUrl) return undefined
  const hasToken = request !== undefined && getHeader(request.headers, 'authorization') !== undefined
  return hasToken ? 'the request (method and URL)' : 'the request (method and URL) and the token that was sent'
}

/**
 * A one-line label of what a request-less response holds (`a 403 response (Forbidden)`), for
 * messages; never the body itself.
 */
export function responseLabel(exchange: Exchange): string {
  const status = exchange.response?.status
  const rawCode = parseGraphError(exchange.response?.body)?.code
  const code = rawCode !== undefined && /^[A-Za-z0-9_.-]{1,60}$/.test(rawCode) ? rawCode : undefined
  const head = status === undefined || status === 0 ? 'a response' : `a ${status} response`
  return code === undefined ? head : `${head} (${code})`
}
