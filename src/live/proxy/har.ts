/**
 * The HAR 1.2 of a proxy session, redacted: `Authorization`, `Proxy-Authorization`, `Cookie` and
 * `Set-Cookie` values are replaced (an Authorization keeps its scheme and the credential's length), so
 * is the value of every header with a secret name (`x-api-key`, `Ocp-Apim-Subscription-Key`, …), and
 * bodies go through redactBody and URLs and every other header through redactSecrets.
 */
import { getHeader, type HeaderList } from '../../core/exchange.js'
import { isSecretName, redactBody, redactSecrets } from '../../core/redact.js'
import type { LiveExchange } from './types.js'

const COOKIE_HEADERS: ReadonlySet<string> = new Set(['cookie', 'set-cookie'])
const AUTH_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization'])

function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (COOKIE_HEADERS.has(lower)) return `[redacted, ${value.length} chars]`
  if (AUTH_HEADERS.has(lower)) {
    const space = value.indexOf(' ')
    const credential = space < 0 ? value : value.slice(space + 1)
    return `${space < 0 ? '' : `${value.slice(0, space)} `}[redacted token, ${credential.length} chars]`
  }
  if (isSecretName(name)) return `[redacted, ${value.length} chars]`
  return redactSecrets(value)
}

function harHeaders(headers: HeaderList): Array<{ name: string; value: string }> {
  return headers.map(([name, value]) => ({ name, value: redactHeaderValue(name, value) }))
}

function harQuery(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value: redactSecrets(`?${name}=${value}`).slice(name.length + 2) }))
  } catch {
    return []
  }
}

function contentType(headers: HeaderList): string {
  return getHeader(headers, 'content-type') ?? ''
}

function entryOf(exchange: LiveExchange): Record<string, unknown> {
  const requestType = contentType(exchange.requestHeaders)
  return {
    startedDateTime: exchange.startedAt,
    time: Math.round(exchange.durationMs * 1000) / 1000,
    request: {
      method: exchange.method,
      url: redactSecrets(exchange.url),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(exchange.requestHeaders),
      queryString: harQuery(exchange.url),
      ...(exchange.requestBody === undefined ? {} : { postData: { mimeType: requestType, text: redactBody(exchange.requestBody) } }),
      headersSize: -1,
      bodySize: exchange.requestBody === undefined ? 0 : exchange.requestBody.length,
    },
    response: {
      status: exchange.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(exchange.responseHeaders),
      content: {
        size: exchange.responseBytes,
        mimeType: contentType(exchange.responseHeaders),
        ...(exchange.responseBody === undefined ? {} : { text: redactBody(exchange.responseBody) }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: exchange.responseBytes,
      ...(exchange.problem === undefined ? {} : { _error: exchange.problem }),
    },
    cache: {},
    timings: { send: 0, wait: Math.round(exchange.durationMs * 1000) / 1000, receive: 0 },
    _outcome: exchange.outcome,
  }
}

/** The session's exchanges as HAR 1.2 JSON text (bodies only for failures: successes are not buffered). */
export function sessionHar(exchanges: readonly LiveExchange[], version: string): string {
  return `${JSON.stringify({ log: { version: '1.2', creator: { name: 'graph-doctor proxy', version }, entries: exchanges.map(entryOf) } }, null, 2)}\n`
}
