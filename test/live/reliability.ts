/**
 * The proxy under injected upstream faults: N requests through the proxy to the Graph double, a fixed
 * mix of intact answers (checksummed) and faults (resets, stalls, slow bodies, 5xx, oversized error
 * bodies). Shared by test/live/reliability.test.ts (a bounded count; stalls meet a 1 ms headers
 * timeout, nothing waits on a timer) and bench/proxy-reliability.ts (100,000 requests, real timeouts,
 * hang detection and memory).
 */
import { Pool } from 'undici'
import { startProxy } from '../../src/live/proxy/server.js'
import { sha256 } from '../double/bodies.js'
import { findingCall } from '../double/finding-calls.js'
import { startGraphDouble } from '../double/server.js'

type Expect = 'intact' | 'clean-error' | 'closed-or-clean'

interface Kind {
  readonly scenario: string
  readonly expect: Expect
  /** Sent through the proxy whose headers timeout is `stallHeadersTimeoutMs`. */
  readonly stalls?: true
  readonly path?: string
  readonly headers?: Record<string, string>
  readonly body?: string
}

const missing = findingCall('permission-missing')
/** One cycle of the mix: 20 requests, 4 of them faults (2 resets, a stall, a body broken off). */
const MIX: readonly Kind[] = [
  ...Array.from({ length: 9 }, (_, index): Kind => ({ scenario: `large:${4096 + index * 977}`, expect: 'intact' })),
  { scenario: 'chunked:300001', expect: 'intact' },
  { scenario: 'gzip', expect: 'intact' },
  { scenario: 'slow:3:1', expect: 'intact' },
  { scenario: 'finding:permission-missing', expect: 'intact', path: missing.path, headers: missing.headers },
  { scenario: 'status:503', expect: 'intact' },
  { scenario: 'big-error:1200000', expect: 'intact' },
  { scenario: 'reset', expect: 'clean-error' },
  { scenario: 'stall', expect: 'clean-error', stalls: true },
  { scenario: 'reset-mid', expect: 'closed-or-clean' },
  { scenario: 'reset', expect: 'clean-error' },
  { scenario: 'large:100000', expect: 'intact', body: 'x'.repeat(20_000) },
]

export interface ReliabilityReport {
  readonly requests: number
  readonly intact: number
  readonly corrupted: number
  readonly cleanErrors: number
  readonly closed: number
  readonly unexpected: readonly string[]
  readonly corruptions: readonly string[]
  readonly hung: number
  readonly rssBeforeMiB: number
  readonly rssAfterMiB: number
  readonly seconds: number
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10

/** How many of `requests` requests of the mix are expected to arrive intact. */
export function expectedIntact(requests: number): number {
  let intact = 0
  for (let index = 0; index < requests; index++) if (MIX[index % MIX.length]?.expect === 'intact') intact += 1
  return intact
}

export interface ReliabilityOptions {
  /** The headers timeout of the proxy that stalled requests go through (default 3 s). */
  readonly stallHeadersTimeoutMs?: number
  /** A request not done after this long counts as hung; without it, nothing is timed. */
  readonly hangAfterMs?: number
}

/** Run `requests` requests, `concurrency` at a time. */
export async function runReliability(requests: number, concurrency: number, options: ReliabilityOptions = {}): Promise<ReliabilityReport> {
  const double = await startGraphDouble()
  const proxy = await startProxy({ upstream: double.url, loginUpstream: double.url })
  const stallProxy = await startProxy({ upstream: double.url, loginUpstream: double.url, headersTimeoutMs: options.stallHeadersTimeoutMs ?? 3_000 })
  const client = new Pool(proxy.origin, { connections: concurrency, pipelining: 1 })
  const stallClient = new Pool(stallProxy.origin, { connections: concurrency, pipelining: 1 })
  const counts = { intact: 0, corrupted: 0, cleanErrors: 0, closed: 0, hung: 0 }
  const unexpected: string[] = []
  const corruptions: string[] = []
  let next = 0
  let rssBefore = 0
  const started = performance.now()
  const one = async (index: number): Promise<void> => {
    const kind = MIX[index % MIX.length] as Kind
    const hang = new AbortController()
    const timer = options.hangAfterMs === undefined ? undefined : setTimeout(() => hang.abort(), options.hangAfterMs)
    try {
      const response = await (kind.stalls === true ? stallClient : client).request({
        path: kind.path ?? '/v1.0/me/drive/root/content',
        method: kind.body === undefined ? 'GET' : 'PUT',
        headers: { ...kind.headers, 'x-double-scenario': kind.scenario, 'accept-encoding': 'gzip' },
        ...(kind.body === undefined ? {} : { body: kind.body }),
        signal: hang.signal,
      })
      const body = Buffer.from(await response.body.arrayBuffer())
      judge(kind, response.statusCode, response.headers, body)
    } catch (error) {
      if (hang.signal.aborted) counts.hung += 1
      else if (kind.expect === 'closed-or-clean') counts.closed += 1
      else unexpected.push(`${kind.scenario}: ${(error as Error).message}`)
    } finally {
      clearTimeout(timer)
    }
  }
  const judge = (kind: Kind, status: number, headers: Record<string, string | string[] | undefined>, body: Buffer): void => {
    if (kind.expect !== 'intact') {
      const code = status === 502 || status === 504 ? (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code : undefined
      if (code === 'UpstreamUnreachable' || code === 'UpstreamTimeout') counts.cleanErrors += 1
      else unexpected.push(`${kind.scenario}: status ${status}`)
      return
    }
    const expected = headers['x-double-sha256']
    const isIntact = typeof expected === 'string' ? sha256(body) === expected : kind.scenario.startsWith('finding') ? body.toString('utf8') === missing.response.body : body.length > 0
    if (isIntact) counts.intact += 1
    else {
      counts.corrupted += 1
      corruptions.push(`${kind.scenario}: status ${status}, ${body.byteLength} bytes`)
    }
  }
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const index = next
      next += 1
      await one(index)
      if (index === Math.min(requests - 1, 2 * MIX.length * concurrency)) rssBefore = process.memoryUsage().rss
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  ;(globalThis as { gc?: () => void }).gc?.()
  const rssAfter = process.memoryUsage().rss
  const seconds = (performance.now() - started) / 1000
  await Promise.all([client.close(), stallClient.close()])
  await Promise.all([proxy.close(1_000), stallProxy.close(1_000)])
  await double.close()
  return { requests, ...counts, unexpected: unexpected.slice(0, 20), corruptions: corruptions.slice(0, 20), rssBeforeMiB: mib(rssBefore), rssAfterMiB: mib(rssAfter), seconds: Math.round(seconds * 10) / 10 }
}
