/**
 * The diagnosis step every integration shares: decide whether a failed call is a Graph or
 * token-endpoint call, read its error body from a clone (the caller's response stays unread), and
 * diagnose it with the lazily loaded permission catalogue. Isomorphic: no Node APIs.
 */
import { diagnoseExchange } from '../core/diagnose.js'
import type { Exchange, HeaderList } from '../core/exchange.js'
import type { PermissionCatalogue } from '../core/permissions/types.js'
import { CANONICAL_ORIGINS, classifyUrl, isGraphVersionPath } from '../core/target-classify.js'
import { trimTrailing } from '../core/trim.js'
import type { DiagnosisResult } from '../core/types.js'
import { renderLiveFailureLine } from '../render/live.js'
import type { DiagnosisEvent, GraphDoctorOptions } from './options.js'

const CANONICAL = CANONICAL_ORIGINS
const DEFAULT_BODY_LIMIT = 1024 * 1024

/** What a failed call was sent with (fetch's `input`/`init`, or an SDK's request). */
export interface SentRequest {
  readonly url: string
  readonly method: string
  readonly headers: HeaderList
  readonly body?: string
}

export interface FailedCallDiagnoser {
  /** The URL as diagnosed (public host for configured origins), or undefined when the call is not Graph or login. */
  readonly diagnosisUrl: (url: string) => string | undefined
  /** Diagnose a failed call and report it; never throws, never consumes `response`'s own body. */
  readonly diagnoseResponse: (request: SentRequest, response: Response) => Promise<DiagnosisResult | undefined>
}

function originOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(url)
  return match?.[0].toLowerCase()
}

async function readBounded(response: Response, limit: number): Promise<{ body: string; cut?: string }> {
  const reader = response.clone().body?.getReader()
  if (reader === undefined) return { body: '' }
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < limit) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
    if (size >= limit) await reader.cancel()
  } catch (error) {
    return { body: decode(chunks), cut: error instanceof Error ? error.message : String(error) }
  }
  return { body: decode(chunks).slice(0, limit) }
}

function decode(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder()
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
}

function headerList(headers: Headers): HeaderList {
  const list: Array<[string, string]> = []
  headers.forEach((value, name) => list.push([name, value]))
  const setCookie = (headers as Headers & { getSetCookie?: () => string[] }).getSetCookie?.() ?? []
  return [...list.filter(([name]) => name !== 'set-cookie'), ...setCookie.map((value): [string, string] => ['set-cookie', value])]
}

function defaultReport(event: DiagnosisEvent): void {
  console.warn(`graph-doctor: ${renderLiveFailureLine(event.result, { colour: false })}`)
}

/** A diagnoser of failed calls for one integration instance (not the core's createDiagnoser, which diagnoses exchanges). */
export function createFailedCallDiagnoser(options: GraphDoctorOptions = {}): FailedCallDiagnoser {
  const graphOrigins = new Set((options.graphOrigins ?? []).map((origin) => trimTrailing(origin, '/').toLowerCase()))
  const loginOrigins = new Set((options.loginOrigins ?? []).map((origin) => trimTrailing(origin, '/').toLowerCase()))
  let catalogue: Promise<PermissionCatalogue | undefined> | undefined
  const permissions = (): Promise<PermissionCatalogue | undefined> => {
    const source = options.permissions
    catalogue ??= typeof source === 'function' ? source().catch(() => undefined) : Promise.resolve(source)
    return catalogue
  }
  const diagnosisUrl = (url: string): string | undefined => {
    const origin = originOf(url)
    if (origin === undefined) return undefined
    const path = url.slice(origin.length)
    const isGraphPath = isGraphVersionPath(path)
    if (graphOrigins.has(origin) && (isGraphPath || !loginOrigins.has(origin))) return `${CANONICAL.graph}${path}`
    if (loginOrigins.has(origin)) return `${CANONICAL.login}${path}`
    const kind = classifyUrl(url).kind
    return kind === 'graph' || kind === 'token-endpoint' || kind === 'authorize-endpoint' ? url : undefined
  }
  const diagnoseResponse = async (request: SentRequest, response: Response): Promise<DiagnosisResult | undefined> => {
    const url = diagnosisUrl(request.url)
    if (url === undefined) return undefined
    try {
      const { body, cut } = await readBounded(response, options.errorBodyLimit ?? DEFAULT_BODY_LIMIT)
      const exchange: Exchange = {
        source: `${request.method} ${url}`,
        format: 'live',
        startedAt: new Date().toISOString(),
        request: { method: request.method, url, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
        response: { status: response.status, headers: headerList(response.headers), body },
        ...(cut === undefined ? {} : { unreadable: `the response body broke off (${cut})` }),
      }
      const catalogueNow = await permissions()
      const result = diagnoseExchange(exchange, catalogueNow === undefined ? {} : { permissions: catalogueNow })
      ;(options.onDiagnosis ?? defaultReport)({ result, method: request.method, url, status: response.status })
      return result
    } catch {
      return undefined
    }
  }
  return { diagnosisUrl, diagnoseResponse }
}

/**
 * The request headers fetch sends for `input` and `init`: `init.headers`, when given, replace a
 * Request's headers (they are not merged), as in `new Request(input, init)`.
 */
export function sentHeaders(input: unknown, init: { headers?: unknown } | undefined): HeaderList {
  if (init?.headers !== undefined) return headerList(new Headers(init.headers as HeadersInit))
  return headerList(new Headers(typeof Request !== 'undefined' && input instanceof Request ? input.headers : undefined))
}

/** A request body the diagnosis can read: strings and form parameters only. */
export function sentBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString()
  return undefined
}
