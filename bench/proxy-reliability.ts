// The full reliability run of the live proxy (`npm run bench:reliability`): 100,000 requests through
// the proxy to the Graph double with injected upstream faults (the mix of test/live/reliability.ts;
// `npm test` runs 1,000). Prints the report and writes bench/results/proxy-reliability.json; exits 1
// when an intact answer arrived damaged, a fault did not end cleanly, a request hung (30 s), or the
// resident set grew by 100 MiB or more (after a forced GC). Stalled requests meet a real 3 s headers timeout.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runReliability } from '../test/live/reliability.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const requests = Number(process.env['GRAPH_DOCTOR_RELIABILITY_REQUESTS'] ?? 100_000)
const report = await runReliability(requests, 32, { stallHeadersTimeoutMs: 3_000, hangAfterMs: 30_000 })
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
writeFileSync(join(root, 'bench', 'results', 'proxy-reliability.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`)
console.log(JSON.stringify(report, null, 2))
/** Growth of the resident set over the run, measured after a forced GC (`--expose-gc`, as the npm script runs it). */
const RSS_GROWTH_LIMIT_MIB = 100
const rssGrowth = report.rssAfterMiB - report.rssBeforeMiB
const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function'
if (!hasGc) console.log('RSS growth not judged: run with --expose-gc (npm run bench:reliability does)')
else console.log(`RSS growth ${rssGrowth.toFixed(1)} MiB (limit ${RSS_GROWTH_LIMIT_MIB}): ${rssGrowth < RSS_GROWTH_LIMIT_MIB ? 'met' : 'NOT MET'}`)
const healthy = report.unexpected.length === 0 && report.corrupted === 0 && report.hung === 0 && (!hasGc || rssGrowth < RSS_GROWTH_LIMIT_MIB)
process.exitCode = healthy ? 0 : 1
