/** Builders for rule tests: synthetic exchanges at FIXTURE_TIME, diagnosed with or without the catalogue. */
import { diagnoseExchange } from '../../../src/core/diagnose.js'
import type { Exchange, HeaderList } from '../../../src/core/exchange.js'
import type { PermissionCatalogue } from '../../../src/core/permissions/types.js'
import type { DiagnosisResult, Finding } from '../../../src/core/types.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'
import { FIXTURE_TIME } from '../../helpers/tokens.js'

export const FIXTURE_DATE = new Date(FIXTURE_TIME * 1000).toUTCString()

export interface CallSpec {
  readonly method?: string
  readonly url: string
  /** The bearer token; `null` sends no Authorization header. */
  readonly token: string | null
  readonly status: number
  readonly body?: unknown
  readonly requestBody?: string
  readonly requestHeaders?: HeaderList
  readonly responseHeaders?: HeaderList
  /** Omit the response Date header. */
  readonly noDate?: boolean
}

/** One raw-HTTP exchange; the response carries `Date: FIXTURE_TIME` unless told otherwise. */
export function call(spec: CallSpec): Exchange {
  const auth: HeaderList = spec.token === null ? [] : [['Authorization', `Bearer ${spec.token}`]]
  const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body)
  const date: HeaderList = spec.noDate === true ? [] : [['Date', FIXTURE_DATE]]
  return {
    source: 'test',
    format: 'raw-http',
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      headers: [...auth, ...(spec.requestHeaders ?? [])],
      ...(spec.requestBody === undefined ? {} : { body: spec.requestBody }),
    },
    response: { status: spec.status, headers: [...date, ...(spec.responseHeaders ?? [])], ...(body === undefined ? {} : { body }) },
  }
}

/** A bare token-endpoint error body, as pasted from a failed token request. */
export function tokenError(body: Record<string, unknown>): Exchange {
  return { source: 'test', format: 'token-error', response: { status: 400, headers: [], body: JSON.stringify(body) } }
}

/** A failed token request seen in a capture (request to the token endpoint and its error). */
export function tokenRequest(url: string, requestBody: string, body: Record<string, unknown>): Exchange {
  return {
    source: 'test',
    format: 'har',
    request: { method: 'POST', url, headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: requestBody },
    response: { status: 400, headers: [['Date', FIXTURE_DATE]], body: JSON.stringify(body) },
  }
}

export function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: '2026-11-20T10:00:00', 'request-id': 'req-1', 'client-request-id': 'cli-1' } } }
}

let shared: PermissionCatalogue | undefined

export function catalogue(): PermissionCatalogue {
  shared ??= loadSnapshotCatalogue()
  return shared
}

export function run(exchange: Exchange, options: { withCatalogue?: boolean; now?: Date } = {}): DiagnosisResult {
  return diagnoseExchange(exchange, {
    ...(options.withCatalogue === true ? { permissions: catalogue() } : {}),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
}

export function ids(result: DiagnosisResult): string[] {
  return result.findings.map((finding) => finding.id)
}

/** The finding of that id, or a failed assertion listing what was found instead. */
export function findingOf(result: DiagnosisResult, id: string): Finding {
  const found = result.findings.find((finding) => finding.id === id)
  if (found === undefined) throw new Error(`expected ${id}, got [${ids(result).join(', ')}]`)
  return found
}

/** Every text of a finding, for "mentions" assertions. */
export function textOf(finding: Finding): string {
  return [finding.detail, ...finding.fix, ...finding.evidence.flatMap((item) => [item.field, item.value, item.note ?? ''])].join('\n')
}
