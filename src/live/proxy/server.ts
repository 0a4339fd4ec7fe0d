/**
 * `startProxy`: a local reverse proxy for Microsoft Graph (`/v1.0`, `/beta`) and the login host
 * (every other path). A `node:http` front end, one keep-alive undici Pool per upstream.
 */
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { forward, type ForwardContext } from './forward.js'
import { LiveSession, type SessionOptions } from './session.js'
import type { Route } from './types.js'
import { createUpstream, parseUpstreamUrl, type Upstream } from './upstream.js'

export interface ProxyOptions extends SessionOptions {
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 0: a free port. */
  readonly port?: number
  /** Default https://graph.microsoft.com. Any http(s) URL; a path becomes a prefix. */
  readonly upstream?: string
  /** Default https://login.microsoftonline.com. */
  readonly loginUpstream?: string
  /** Bytes of an error body kept for diagnosis; default 1 MiB. */
  readonly errorBodyLimit?: number
  /** Upstream connect / response-headers / between-body-chunks timeouts; defaults 10 s / 60 s / 60 s. */
  readonly connectTimeoutMs?: number
  readonly headersTimeoutMs?: number
  readonly bodyTimeoutMs?: number
  /** Keep-alive connections per upstream; default 64. */
  readonly connections?: number
  /** Record successes in full (a report, `--verbose`), not only count them. */
  readonly recordSuccesses?: boolean
  /** Called once when this many requests have completed. */
  readonly maxRequests?: number
  readonly onMaxRequests?: () => void
}

export interface RunningProxy {
  /** `http://HOST:PORT`. */
  readonly origin: string
  readonly port: number
  readonly session: LiveSession
  readonly upstreams: Readonly<Record<Route, Pick<Upstream, 'origin'>>>
  /**
   * Stop accepting connections, let in-flight requests finish for up to `graceMs` (then cut them),
   * wait for their diagnoses, and close the upstream pools.
   */
  readonly close: (graceMs?: number) => Promise<void>
}

function formatOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** Start the proxy; resolves once it listens. */
export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const timeouts = { connectMs: options.connectTimeoutMs ?? 10_000, headersMs: options.headersTimeoutMs ?? 60_000, bodyMs: options.bodyTimeoutMs ?? 60_000 }
  const connections = options.connections ?? 64
  const upstreams: Record<Route, Upstream> = {
    graph: createUpstream('graph', parseUpstreamUrl(options.upstream ?? 'https://graph.microsoft.com', '--upstream'), timeouts, connections),
    login: createUpstream('login', parseUpstreamUrl(options.loginUpstream ?? 'https://login.microsoftonline.com', '--login-upstream'), timeouts, connections),
  }
  const session = new LiveSession(options)
  let completed = 0
  let inFlight = 0
  let idle: (() => void) | undefined
  const finished = (): void => {
    inFlight -= 1
    completed += 1
    if (completed === options.maxRequests) options.onMaxRequests?.()
    if (inFlight === 0) idle?.()
  }
  let nextId = 0
  const context: ForwardContext = {
    upstreams,
    errorBodyLimit: options.errorBodyLimit ?? 1024 * 1024,
    recordsSuccesses: options.recordSuccesses === true || options.keep === true,
    record: (exchange) => session.record(exchange),
    countSuccess: () => session.countSuccess(),
    nextId: () => (nextId += 1),
  }
  const sockets = new Set<Socket>()
  const server = createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
    inFlight += 1
    response.once('close', finished)
    forward(request, response, context)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const close = async (graceMs = 5_000): Promise<void> => {
    server.close()
    server.closeIdleConnections()
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs)
        idle = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
    for (const socket of sockets) socket.destroy()
    await session.settled()
    await Promise.all([upstreams.graph.pool.destroy(), upstreams.login.pool.destroy()])
  }
  return { origin: formatOrigin(host, port), port, session, upstreams, close }
}
