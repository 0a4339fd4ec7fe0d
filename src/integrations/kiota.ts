/**
 * `graph-doctor/kiota`: a `@microsoft/kiota-http-fetchlibrary` Middleware for the Kiota-based
 * Microsoft Graph SDK (`@microsoft/msgraph-sdk`) that diagnoses failed calls. The diagnosis goes to
 * `onDiagnosis`, and {@link diagnosisOf} finds it from the error the SDK throws (its
 * `responseHeaders` carry the response's `request-id`).
 *
 * @example
 * import { KiotaClientFactory } from '@microsoft/kiota-http-fetchlibrary'
 * import { GraphRequestAdapter } from '@microsoft/msgraph-sdk'
 * import { GraphDoctorKiotaMiddleware, diagnosisOf } from 'graph-doctor/kiota'
 * const httpClient = KiotaClientFactory.create(undefined, [new GraphDoctorKiotaMiddleware(), ...defaultMiddlewares])
 *
 * @module graph-doctor/kiota
 */
export type { GraphDoctorOptions, DiagnosisEvent } from './options.js'
import type { Middleware } from '@microsoft/kiota-http-fetchlibrary'
import type { DiagnosisResult } from '../core/types.js'
import { createDiagnoser, sentBody, sentHeaders, type Diagnoser } from './diagnoser.js'
import type { GraphDoctorOptions } from './options.js'

/** Diagnoses by the response's `request-id`, the most recent {@link REMEMBERED} only. */
const byRequestId = new Map<string, DiagnosisResult>()
const REMEMBERED = 256

function remember(requestId: string, result: DiagnosisResult): void {
  byRequestId.delete(requestId)
  byRequestId.set(requestId, result)
  if (byRequestId.size > REMEMBERED) byRequestId.delete(byRequestId.keys().next().value ?? '')
}

/**
 * The diagnosis of the call that produced `error` (an `ODataError` or any Kiota `ApiError` with
 * `responseHeaders`), or undefined.
 */
export function diagnosisOf(error: unknown): DiagnosisResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const own = (error as { graphDoctor?: DiagnosisResult }).graphDoctor
  if (own !== undefined) return own
  const headers = (error as { responseHeaders?: Record<string, string[] | string | undefined> }).responseHeaders
  const value = headers?.['request-id']
  const requestId = Array.isArray(value) ? value[0] : value
  return requestId === undefined ? undefined : byRequestId.get(requestId.trim())
}

/** A Kiota middleware: put it first, so that it sees the request as sent and the final response. */
export class GraphDoctorKiotaMiddleware implements Middleware {
  next: Middleware | undefined
  readonly #diagnoser: Diagnoser

  constructor(options: GraphDoctorOptions = {}) {
    this.#diagnoser = createDiagnoser(options)
  }

  async execute(url: string, requestInit: RequestInit, requestOptions?: Parameters<Middleware['execute']>[2]): Promise<Response> {
    if (this.next === undefined) throw new Error('GraphDoctorKiotaMiddleware must not be the last middleware')
    const response = await this.next.execute(url, requestInit, requestOptions)
    if (response.status < 400) return response
    const body = sentBody(requestInit.body)
    const method = (requestInit.method ?? 'GET').toUpperCase()
    const result = await this.#diagnoser.diagnoseResponse({ url, method, headers: sentHeaders(undefined, requestInit), ...(body === undefined ? {} : { body }) }, response)
    const requestId = response.headers.get('request-id')
    if (result !== undefined && requestId !== null) remember(requestId.trim(), result)
    return response
  }
}
