// The full reliability run of the live proxy (`npm run bench:reliability`): 100,000 requests through
// the proxy to the Graph double with injected upstream faults (the mix of test/live/reliability.ts;
// `npm test` runs 1,000). Prints the report and writes bench/results/proxy-reliability.json; exits 1
// when an intact answer arrived damaged, a fault did not end cleanly, or a request hung.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runReliability } from '../test/live/reliability.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const requests = Number(process.env['GRAPH_DOCTOR_RELIABILITY_REQUESTS'] ?? 100_000)
const report = await runReliability(requests, 32, 30_000)
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
writeFileSync(join(root, 'bench', 'results', 'proxy-reliability.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`)
console.log(JSON.stringify(report, null, 2))
const healthy = report.unexpected.length === 0 && report.corrupted === 0 && report.hung === 0
process.exitCode = healthy ? 0 : 1
