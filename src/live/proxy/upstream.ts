/** The proxy's upstreams: one keep-alive undici Pool per origin, and the URL the diagnosis sees. */
import { randomUUID } from 'node:crypto'
import { Pool } from 'undici'
import { GraphDoctorError } from '../../core/errors.js'
import { CANONICAL_ORIGINS, classifyUrl, isGraphVersionPath } from '../../core/target-classify.js'
import { trimTrailing } from '../../core/trim.js'
import type { Route } from './types.js'

export interface Upstream {
  readonly route: Route
  /** The origin, without credentials or path: safe to print. */
  readonly origin: string
  /** A path prefix of the upstream URL (a gateway's `/graph`), without trailing slash. */
  readonly basePath: string
  /** Scheme and host put before the request path in what is diagnosed. */
  readonly diagnosisOrigin: string
  readonly pool: Pool
}

export interface UpstreamTimeouts {
  readonly connectMs: number
  readonly headersMs: number
  readonly bodyMs: number
}

const CANONICAL: Readonly<Record<Route, string>> = CANONICAL_ORIGINS

/** Parse `--upstream`/`--login-upstream`: any http(s) URL; a path becomes a prefix. */
export function parseUpstreamUrl(text: string, flag: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch (error) {
    throw new GraphDoctorError('ERR_USAGE', `${flag} must be an http:// or https:// URL`, { cause: error })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GraphDoctorError('ERR_USAGE', `${flag} must be an http:// or https:// URL, not ${url.protocol}`)
  return url
}

/**
 * An upstream for a route. When its host is not a Graph or identity-platform host (a local double,
 * a gateway), what is diagnosed uses the public host of that route, so that the rules recognise it.
 */
export function createUpstream(route: Route, url: URL, timeouts: UpstreamTimeouts, connections: number): Upstream {
  const kind = classifyUrl(url.href).kind
  const known = route === 'graph' ? kind === 'graph' : kind === 'token-endpoint' || kind === 'authorize-endpoint' || url.hostname.startsWith('login.')
  const pool = new Pool(url.origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  })
  return {
    route,
    origin: url.origin,
    basePath: trimTrailing(url.pathname, '/'),
    diagnosisOrigin: known ? url.origin : CANONICAL[route],
    pool,
  }
}

/** The route of a request path. */
export function routeOf(path: string): Route {
  return isGraphVersionPath(path) ? 'graph' : 'login'
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'])

/** The error code of an upstream failure: `ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`… */
export function errorCode(error: unknown): string {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code
    current = (current as { cause?: unknown }).cause
  }
  return (error as { code?: unknown } | null)?.code === 'UND_ERR_SOCKET' ? 'ECONNRESET' : 'UNKNOWN'
}

/** 504 for a timeout, 502 for anything else. */
export function statusForUpstreamError(code: string): 502 | 504 {
  return TIMEOUT_CODES.has(code) ? 504 : 502
}

/** The Graph-style JSON body of a 502/504 the proxy answers itself. Names no credential. */
export function upstreamErrorBody(status: 502 | 504, origin: string, code: string, clientRequestId: string | undefined): string {
  const requestId = randomUUID()
  const message = status === 504
    ? `graph-doctor proxy: the upstream ${origin} did not answer in time (${code}).`
    : `graph-doctor proxy: the upstream ${origin} could not be reached or broke the connection (${code}).`
  return JSON.stringify({
    error: {
      code: status === 504 ? 'UpstreamTimeout' : 'UpstreamUnreachable',
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
    },
  })
}
