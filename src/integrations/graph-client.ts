/**
 * `graph-doctor/graph-client`: a middleware for `@microsoft/microsoft-graph-client` (v3) that
 * diagnoses failed calls. The diagnosis is passed to `onDiagnosis` and attached to the `GraphError`
 * the client then throws, as `error.graphDoctor` (also readable with {@link diagnosisOf}).
 *
 * @example
 * import { Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client'
 * import { GraphDoctorMiddleware, diagnosisOf } from 'graph-doctor/graph-client'
 * const client = Client.initWithMiddleware({ middleware: [authHandler, new GraphDoctorMiddleware(), new HTTPMessageHandler()] })
 * try { await client.api('/users').get() } catch (error) { console.log(diagnosisOf(error)?.findings[0]?.id) }
 *
 * @module graph-doctor/graph-client
 */
export type { GraphDoctorOptions, DiagnosisEvent } from './options.js'
import { GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import type { DiagnosisResult } from '../core/types.js'
import { createFailedCallDiagnoser, sentBody, sentHeaders, type FailedCallDiagnoser } from './diagnoser.js'
import type { GraphDoctorOptions } from './options.js'

/**
 * The client builds its `GraphError` after the middleware chain, copying the raw response's
 * `headers` object onto it: that object is the key from the failed response to its diagnosis.
 */
const diagnoses = new WeakMap<object, DiagnosisResult>()

function attachGetter(): void {
  if (Object.getOwnPropertyDescriptor(GraphError.prototype, 'graphDoctor') !== undefined) return
  Object.defineProperty(GraphError.prototype, 'graphDoctor', {
    configurable: true,
    enumerable: false,
    get(this: { headers?: unknown }): DiagnosisResult | undefined {
      return typeof this.headers === 'object' && this.headers !== null ? diagnoses.get(this.headers) : undefined
    },
  })
}

declare module '@microsoft/microsoft-graph-client' {
  interface GraphError {
    /** The graph-doctor diagnosis of the failed call, when a {@link GraphDoctorMiddleware} saw it. */
    readonly graphDoctor?: DiagnosisResult
  }
}

/** The diagnosis of the call that produced `error` (a `GraphError`), or undefined. */
export function diagnosisOf(error: unknown): DiagnosisResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const headers = (error as { headers?: unknown }).headers
  return typeof headers === 'object' && headers !== null ? diagnoses.get(headers) : undefined
}

function requestUrl(request: Context['request']): string {
  return typeof request === 'string' ? request : request.url
}

/**
 * A Graph JS client middleware: place it before `HTTPMessageHandler` (after the auth handler, so
 * that it sees the Authorization header the call was sent with).
 */
export class GraphDoctorMiddleware implements Middleware {
  #next: Middleware | undefined
  readonly #diagnoser: FailedCallDiagnoser

  constructor(options: GraphDoctorOptions = {}) {
    this.#diagnoser = createFailedCallDiagnoser(options)
    attachGetter()
  }

  async execute(context: Context): Promise<void> {
    if (this.#next === undefined) throw new Error('GraphDoctorMiddleware must not be the last middleware: put HTTPMessageHandler after it')
    await this.#next.execute(context)
    const response = context.response
    if (response === undefined || response.status < 400) return
    const request = context.request
    const init = context.options
    const method = (init?.method ?? (typeof request === 'string' ? 'GET' : request.method)).toUpperCase()
    const body = sentBody(init?.body)
    const result = await this.#diagnoser.diagnoseResponse({ url: requestUrl(request), method, headers: sentHeaders(request, init), ...(body === undefined ? {} : { body }) }, response)
    if (result !== undefined) diagnoses.set(response.headers, result)
  }

  setNext(next: Middleware): void {
    this.#next = next
  }
}
