/** A Graph double with the proxy in front of it, and a raw HTTP client for byte-level checks. */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import type { DiagnosisResult } from '../../src/core/types.js'
import { startProxy, type ProxyOptions, type RunningProxy } from '../../src/live/proxy/server.js'
import type { LiveExchange } from '../../src/live/proxy/types.js'
import { startGraphDouble, type GraphDouble } from '../double/server.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'

export interface Rig {
  readonly double: GraphDouble
  readonly proxy: RunningProxy
  readonly failures: Array<{ result: DiagnosisResult; exchange: LiveExchange }>
  readonly upstreamErrors: LiveExchange[]
  readonly close: () => Promise<void>
}

/** Start a double and a proxy whose both upstreams are the double. */
export async function startRig(options: ProxyOptions = {}): Promise<Rig> {
  const double = await startGraphDouble()
  const failures: Rig['failures'] = []
  const upstreamErrors: LiveExchange[] = []
  const proxy = await startProxy({
    upstream: double.url,
    loginUpstream: double.url,
    loadPermissions: () => Promise.resolve(loadSnapshotCatalogue()),
    onFailure: (result, exchange) => failures.push({ result, exchange }),
    onUpstreamError: (exchange) => upstreamErrors.push(exchange),
    ...options,
  })
  return {
    double,
    proxy,
    failures,
    upstreamErrors,
    close: async () => {
      await proxy.close(1_000)
      await double.close()
    },
  }
}

export interface RawResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly rawHeaders: readonly string[]
  readonly body: Buffer
}

/** One request with node:http (no decompression, no header normalisation); rejects if the connection breaks. */
export function rawRequest(url: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer; chunks?: readonly Buffer[] } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const client = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }))
      response.on('error', reject)
      response.on('aborted', () => reject(new Error('response aborted')))
    })
    client.on('error', reject)
    if (options.chunks !== undefined) {
      for (const chunk of options.chunks) client.write(chunk)
      client.end()
    } else {
      client.end(options.body)
    }
  })
}
