/**
 * A Graph double: a small HTTP server on 127.0.0.1 that answers like Microsoft Graph and the
 * Microsoft identity platform for scripted scenarios (see scenarios.ts), with injected faults. Paths
 * under `/v1.0` and `/beta` are Graph; any other path is the login host (token endpoint, OpenID
 * configuration, instance discovery). Test-only: it serves synthetic fixtures and fake tokens.
 *
 * @example
 * const double = await startGraphDouble()
 * await fetch(`${double.url}/v1.0/me`, { headers: { 'x-double-scenario': 'finding:permission-missing' } })
 * await double.close()
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { AnswerState, answer } from './answers.js'
import { patternChecksum, patternChunks, sha256 } from './bodies.js'
import type { ScriptedResponse } from './finding-calls.js'
import { SCENARIO_HEADER, parseScenario, type Scenario } from './scenarios.js'

export interface GraphDouble {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string
  /** Requests received so far. */
  readonly requests: () => number
  /** Resolves when the next response is abandoned by its client before the double finished it. */
  readonly nextAbort: () => Promise<void>
  readonly close: () => Promise<void>
}

export interface GraphDoubleOptions {
  /** The scenario of requests without `x-double-scenario` (default `ok`). */
  readonly scenario?: string
}

const GZIP_BODY = gzipSync(JSON.stringify({ value: Array.from({ length: 200 }, (_, index) => ({ id: `item-${index}`, displayName: `Item ${index}` })) }))

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function baseHeaders(request: IncomingMessage, requestId: string): Record<string, string> {
  const clientRequestId = request.headers['client-request-id']
  return { 'request-id': requestId, 'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId, date: new Date().toUTCString() }
}

/** `x-double-encoding: gzip | deflate | br` compresses a scripted answer (as Graph does when asked to). */
export const ENCODING_HEADER = 'x-double-encoding'
const ENCODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }

function sendScripted(response: ServerResponse, base: Record<string, string>, scripted: ScriptedResponse, encoding?: string): void {
  const encode = encoding === undefined ? undefined : ENCODERS[encoding]
  const body = encode === undefined ? Buffer.from(scripted.body, 'utf8') : encode(Buffer.from(scripted.body, 'utf8'))
  const scriptedNames = new Set(scripted.headers.map(([name]) => name.toLowerCase()))
  const headers: Array<[string, string]> = [...Object.entries(base).filter(([name]) => !scriptedNames.has(name)), ...scripted.headers.map(([name, value]): [string, string] => [name, value])]
  if (encode !== undefined && encoding !== undefined) headers.push(['content-encoding', encoding])
  response.writeHead(scripted.status, [...headers.flat(), 'content-length', String(body.byteLength)])
  if (scripted.cutOff !== true) {
    response.end(body)
    return
  }
  response.write(body.subarray(0, body.byteLength >> 1), () => response.socket?.destroy())
}

function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done).off('close', done)
      resolve()
    }
    response.on('drain', done).on('close', done)
  })
}

async function sendLarge(response: ServerResponse, base: Record<string, string>, bytes: number, chunked: boolean): Promise<void> {
  const length: Record<string, string> = chunked ? {} : { 'content-length': String(bytes) }
  response.writeHead(200, { ...base, 'content-type': 'application/octet-stream', 'x-double-sha256': patternChecksum(bytes), ...length })
  for (const chunk of patternChunks(bytes)) {
    if (response.destroyed) return
    if (!response.write(chunk)) await drainOrClose(response)
  }
  response.end()
}

async function sendSlow(response: ServerResponse, base: Record<string, string>, chunks: number, delayMs: number): Promise<void> {
  const piece = Buffer.from('{"chunk":"0123456789abcdef"}\n')
  response.writeHead(200, { ...base, 'content-type': 'application/x-ndjson', 'content-length': String(piece.byteLength * chunks), 'x-double-sha256': sha256(Buffer.concat(Array.from({ length: chunks }, () => piece))) })
  for (let index = 0; index < chunks && !response.destroyed; index += 1) {
    response.write(piece)
    await new Promise((resolve) => setTimeout(resolve, delayMs))
  }
  response.end()
}

async function handle(request: IncomingMessage, response: ServerResponse, scenario: Scenario, name: string, state: AnswerState): Promise<void> {
  const requestId = randomUUID()
  const base = baseHeaders(request, requestId)
  const body = await readBody(request)
  switch (scenario.kind) {
    case 'reset': request.socket.destroy(); return
    case 'stall': return
    case 'large': return sendLarge(response, base, scenario.bytes, scenario.chunked)
    case 'slow': return sendSlow(response, base, scenario.chunks, scenario.delayMs)
    case 'gzip':
      response.writeHead(200, { ...base, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(GZIP_BODY.byteLength), 'x-double-sha256': sha256(GZIP_BODY) }).end(GZIP_BODY)
      return
    case 'echo': {
      const echo = { method: request.method, path: request.url, rawHeaders: request.rawHeaders, bodyLength: body.byteLength, bodySha256: sha256(body) }
      return sendScripted(response, base, { status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify(echo) })
    }
    case 'reset-mid': return sendScripted(response, base, { status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify({ value: 'x'.repeat(4096) }), cutOff: true })
    case 'big-error': return sendScripted(response, base, { status: 403, headers: [['content-type', 'application/json']], body: JSON.stringify({ error: { code: 'accessDenied', message: 'A'.repeat(scenario.bytes) } }) })
    default: {
      const encoding = request.headers[ENCODING_HEADER]
      const scripted = answer({ method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers as Record<string, string>, body: body.toString('utf8') }, name, state, requestId)
      return sendScripted(response, base, scripted, typeof encoding === 'string' ? encoding : undefined)
    }
  }
}

/** Start a Graph double on 127.0.0.1 (a free port). */
export async function startGraphDouble(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
  const state = new AnswerState()
  const fallback = options.scenario ?? 'ok'
  let requests = 0
  let abortWaiters: Array<() => void> = []
  const server = createServer((request, response) => {
    requests += 1
    response.on('close', () => {
      if (response.writableFinished || abortWaiters.length === 0) return
      const waiters = abortWaiters
      abortWaiters = []
      for (const resolve of waiters) resolve()
    })
    const header = request.headers[SCENARIO_HEADER]
    const name = typeof header === 'string' ? header : fallback
    handle(request, response, parseScenario(name), name, state).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    nextAbort: () => new Promise((resolve) => abortWaiters.push(resolve)),
    close: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
