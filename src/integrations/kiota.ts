/**
 * `graph-doctor/kiota`: a `@microsoft/kiota-http-fetchlibrary` Middleware for the Kiota-based
 * Microsoft Graph SDK (`@microsoft/msgraph-sdk`) that diagnoses failed calls. The diagnosis goes to
 * `onDiagnosis`; wrap the request adapter with {@link withDiagnosedErrors} and every error the SDK
 * throws for a diagnosed call carries it as `error.graphDoctor`. {@link diagnosisOf} finds it too,
 * from the error's `responseHeaders` (they carry the response's `request-id`).
 *
 * @example
 * import { KiotaClientFactory } from '@microsoft/kiota-http-fetchlibrary'
 * import { GraphRequestAdapter } from '@microsoft/msgraph-sdk'
 * import { GraphDoctorKiotaMiddleware, diagnosisOf } from 'graph-doctor/kiota'
 * const httpClient = KiotaClientFactory.create(undefined, [new GraphDoctorKiotaMiddleware(), ...defaultMiddlewares])
 * const graph = createGraphServiceClient(withDiagnosedErrors(new GraphRequestAdapter(auth, undefined, undefined, httpClient)))
 * try { await graph.users.get() } catch (error) { console.log(error.graphDoctor?.findings[0]?.id) }
 *
 * @module graph-doctor/kiota
 */
export type { GraphDoctorOptions, DiagnosisEvent } from './options.js'
import type { Middleware } from '@microsoft/kiota-http-fetchlibrary'
import type { DiagnosisResult } from '../core/types.js'
import { createFailedCallDiagnoser, sentBody, sentHeaders, type FailedCallDiagnoser } from './diagnoser.js'
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
  readonly #diagnoser: FailedCallDiagnoser

  constructor(options: GraphDoctorOptions = {}) {
    this.#diagnoser = createFailedCallDiagnoser(options)
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

/**
 * The request adapter, unchanged but for one thing: an error thrown by any of its `send…` methods for a
 * call that {@link GraphDoctorKiotaMiddleware} diagnosed gets that diagnosis as a non-enumerable
 * `graphDoctor` property before it reaches the app. Kiota builds its errors from the response body
 * after the middleware chain, with no link to the response, so this is where the two meet.
 */
export function withDiagnosedErrors<Adapter extends object>(adapter: Adapter): Adapter {
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      const method = value as (...args: unknown[]) => unknown
      if (typeof property !== 'string' || !property.startsWith('send')) return method.bind(target)
      return async (...args: unknown[]): Promise<unknown> => {
        try {
          return await method.apply(target, args)
        } catch (error) {
          throw withDiagnosis(error)
        }
      }
    },
    set: (target, property, value) => Reflect.set(target, property, value, target),
  })
}

function withDiagnosis(error: unknown): unknown {
  const result = diagnosisOf(error)
  if (result !== undefined && typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, 'graphDoctor', { value: result, enumerable: false, configurable: true, writable: true })
    // Models with a backing store are proxies that read properties from the store: write it there too.
    const holder = error as { graphDoctor?: DiagnosisResult }
    if (holder.graphDoctor !== result) holder.graphDoctor = result
  }
  return error
}
