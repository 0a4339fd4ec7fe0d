// Live-traffic benchmark (part of `npm run bench`; run with `node --import tsx bench/proxy.ts` after
// `npm run build`). Two parts, each against a baseline measured in the same run:
// 1. Throughput on loopback, 32 connections (autocannon): the Graph double directly, through
//    `graph-doctor proxy` (the built CLI), and through http-proxy 1.18. Each server is its own process.
//    Targets: proxy ≥ 85 % of direct, ahead of http-proxy, p99 added ≤ 1 ms. A zero-latency double on
//    shared cores measures CPU per request (a proxy does about twice the double's socket work, so this
//    ratio is bounded well below 1 here); the same three are then measured with the double answering after
//    20 ms (scenario slow:1:20; Graph itself answers in tens to hundreds of ms), where a proxy's cost
//    shows as added latency and lost throughput, as it would in front of the real service.
// 2. In-process overhead on a successful call of withGraphDoctor and the two SDK middlewares:
//    wrapped minus unwrapped, per call. Target ≤ 2 µs.
// Writes bench/results/proxy.json.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { Context, Middleware } from '@microsoft/microsoft-graph-client'
import { withGraphDoctor } from '../src/integrations/fetch.js'
import { GraphDoctorMiddleware } from '../src/integrations/graph-client.js'
import { GraphDoctorKiotaMiddleware } from '../src/integrations/kiota.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SECONDS = Number(process.env['GRAPH_DOCTOR_BENCH_PROXY_SECONDS'] ?? 5)
const ROUNDS = Number(process.env['GRAPH_DOCTOR_BENCH_PROXY_ROUNDS'] ?? 2)

function startChild(args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } })
  child.stderr.resume()
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8')
      const url = /^(http:\/\/\S+?)(\/v1\.0)?$/m.exec(out)?.[1]
      if (url !== undefined) {
        child.stdout.off('data', onData)
        child.stdout.resume()
        resolve({ child, url })
      }
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)))
  })
}

interface Load {
  readonly rps: number
  readonly p99: number
  readonly p50: number
  readonly errors: number
  /** CPU time (user + system) of the serving process per request, from /proc (Linux), in µs. */
  readonly cpuUsPerRequest?: number
}

/** CPU ticks (user + system) of a process, or undefined off Linux. */
function cpuTicks(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return undefined
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100

const LATENCY = { 'x-double-scenario': 'slow:1:20' }

async function load(url: string, headers: Record<string, string> = {}, pid?: number): Promise<Load> {
  const before = cpuTicks(pid)
  const result = await autocannon({ url: `${url}/v1.0/me`, connections: 32, duration: SECONDS, headers })
  const after = cpuTicks(pid)
  const cpu = before === undefined || after === undefined || result.requests.total === 0 ? {} : { cpuUsPerRequest: Math.round(((after - before) / TICKS_PER_SECOND) * 1e6 / result.requests.total) }
  return { rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, errors: result.errors + result.non2xx, ...cpu }
}

async function throughput(): Promise<Record<string, unknown>> {
  const double = await startChild(['--import', 'tsx', 'test/double/serve.ts'])
  const proxy = await startChild([join(root, 'dist', 'bin', 'graph-doctor.js'), 'proxy', '--upstream', double.url, '--login-upstream', double.url])
  const baseline = await startChild([join(root, 'bench', 'http-proxy-server.mjs'), double.url])
  try {
    await load(proxy.url)
    await load(baseline.url)
    const measure = async (headers: Record<string, string>): Promise<Record<string, unknown>> => {
      const runs: Record<string, Load[]> = { direct: [], proxy: [], httpProxy: [] }
      for (let round = 0; round < ROUNDS; round += 1) {
        runs['direct']?.push(await load(double.url, headers, double.child.pid))
        runs['proxy']?.push(await load(proxy.url, headers, proxy.child.pid))
        runs['httpProxy']?.push(await load(baseline.url, headers, baseline.child.pid))
      }
      const best = (name: string): Load => [...(runs[name] ?? [])].sort((a, b) => b.rps - a.rps)[0] as Load
      const direct = best('direct')
      const ours = best('proxy')
      const theirs = best('httpProxy')
      return {
        direct,
        proxy: ours,
        httpProxy: theirs,
        proxyVsDirect: Math.round((ours.rps / direct.rps) * 1000) / 1000,
        proxyVsHttpProxy: Math.round((ours.rps / theirs.rps) * 1000) / 1000,
        p99AddedMs: ours.p99 - direct.p99,
      }
    }
    const immediate = await measure({})
    const withLatency = await measure(LATENCY)
    return { connections: 32, seconds: SECONDS, rounds: ROUNDS, ...immediate, upstreamLatency20ms: withLatency }
  } finally {
    for (const { child } of [double, proxy, baseline]) child.kill('SIGTERM')
  }
}

/** Median ns per call of `call`, `rounds` rounds of `calls` calls. */
async function nsPerCall(call: () => Promise<unknown>, calls = 100_000, rounds = 7): Promise<number> {
  const samples: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint()
    for (let index = 0; index < calls; index += 1) await call()
    samples.push(Number(process.hrtime.bigint() - start) / calls)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN
}

async function overhead(): Promise<Record<string, unknown>> {
  const ok = new Response('{"displayName":"Adele Test"}', { status: 200, headers: { 'content-type': 'application/json' } })
  const url = 'https://graph.microsoft.com/v1.0/me'
  const rawFetch = (): Promise<Response> => Promise.resolve(ok)
  const doctorFetch = withGraphDoctor(rawFetch as (input: string | URL | Request) => Promise<Response>)
  const terminal: Middleware = { execute: (context: Context) => { context.response = ok; return Promise.resolve() } }
  const graphDoctor = new GraphDoctorMiddleware()
  graphDoctor.setNext(terminal)
  const kiotaTerminal = { next: undefined, execute: (): Promise<Response> => Promise.resolve(ok) }
  const kiotaDoctor = new GraphDoctorKiotaMiddleware()
  kiotaDoctor.next = kiotaTerminal
  const subjects: Record<string, readonly [() => Promise<unknown>, () => Promise<unknown>]> = {
    fetch: [() => rawFetch(), () => doctorFetch(url)],
    graphClient: [() => terminal.execute({ request: url }), () => graphDoctor.execute({ request: url })],
    kiota: [() => kiotaTerminal.execute(), () => kiotaDoctor.execute(url, {})],
  }
  const results: Record<string, unknown> = {}
  for (const [name, [bare, wrapped]] of Object.entries(subjects)) {
    await nsPerCall(bare, 20_000, 1)
    await nsPerCall(wrapped, 20_000, 1)
    const bareNs = await nsPerCall(bare)
    const wrappedNs = await nsPerCall(wrapped)
    results[name] = { bareNs: Math.round(bareNs), wrappedNs: Math.round(wrappedNs), overheadNs: Math.round(wrappedNs - bareNs) }
  }
  return results
}

const results = { date: new Date().toISOString(), node: process.version, throughput: await throughput(), overhead: await overhead() }
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
writeFileSync(join(root, 'bench', 'results', 'proxy.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(JSON.stringify(results, null, 2))
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET')
for (const [label, figures] of [['double answering at once', results.throughput], ['double answering after 20 ms', results.throughput['upstreamLatency20ms']]] as const) {
  const f = figures as { proxyVsDirect: number; proxyVsHttpProxy: number; p99AddedMs: number; direct: Load; proxy: Load; httpProxy: Load }
  console.log(`proxy, ${label}: ${f.proxyVsDirect.toFixed(2)}× direct (${verdict(f.proxyVsDirect >= 0.85)} ≥ 0.85×), ${f.proxyVsHttpProxy.toFixed(2)}× http-proxy (${verdict(f.proxyVsHttpProxy > 1)} ahead), p99 added ${f.p99AddedMs} ms (${verdict(f.p99AddedMs <= 1)} ≤ 1 ms)`)
  if (f.proxy.cpuUsPerRequest !== undefined) console.log(`  CPU per request: double ${f.direct.cpuUsPerRequest} µs, graph-doctor proxy ${f.proxy.cpuUsPerRequest} µs, http-proxy ${f.httpProxy.cpuUsPerRequest} µs`)
}
