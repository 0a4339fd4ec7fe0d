/**
 * `graph-doctor/fetch`: wrap any fetch so that failed Microsoft Graph and token-endpoint calls are
 * diagnosed as they happen. Isomorphic (Node 20+, browsers, workers): no Node APIs.
 *
 * @example
 * import { withGraphDoctor } from 'graph-doctor/fetch'
 * const fetchWithDoctor = withGraphDoctor(fetch, { onDiagnosis: ({ result }) => console.warn(result.findings[0]?.id) })
 * const response = await fetchWithDoctor('https://graph.microsoft.com/v1.0/me', { headers: { authorization: `Bearer ${token}` } })
 *
 * @module graph-doctor/fetch
 */
export type { GraphDoctorOptions, DiagnosisEvent } from './options.js'
import { createFailedCallDiagnoser, sentBody, sentHeaders } from './diagnoser.js'
import type { GraphDoctorOptions } from './options.js'

/** The fetch signature the wrapper accepts and returns. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  return input.url
}

/**
 * A fetch that behaves exactly like `fetchFn` and, when a Graph or token-endpoint call answers
 * with status ≥ 400, diagnoses it (reading a clone of the body, at most `errorBodyLimit` bytes)
 * and reports it through `options.onDiagnosis` before returning. The response the caller gets is
 * the original one, its body unread. A successful call costs one extra `await`.
 */
export function withGraphDoctor<F extends FetchLike>(fetchFn: F, options: GraphDoctorOptions = {}): F {
  const diagnoser = createFailedCallDiagnoser(options)
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetchFn(input, init)
    if (response.status < 400) return response
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
    await diagnoser.diagnoseResponse({ url: urlOf(input), method: method.toUpperCase(), headers: sentHeaders(input, init), ...bodyOf(init) }, response)
    return response
  }
  return wrapped as F
}

function bodyOf(init: RequestInit | undefined): { body?: string } {
  const body = sentBody(init?.body)
  return body === undefined ? {} : { body }
}
