/**
 * `npm run fuzz [-- <cases> [target…]]`: long fuzz runs of every parser (test/fuzz/targets.ts), a
 * million cases each by default (FUZZ_CASES or the first argument), FUZZ_SEED to vary the seed. Per
 * target it prints the cases run, crashes (any exception but GraphDoctorError), printed secrets, the
 * slowest input and the peak memory; progress goes to stderr every 100,000 cases.
 */
import fc from 'fast-check'
import { redactSecrets } from '../src/core/redact.js'
import { targets, type FuzzCase } from '../test/fuzz/targets.js'

interface Tally {
  cases: number
  crashes: number
  leaks: number
  firstDefect?: string
  slowestMs: number
  slowestInput?: string
  peakRssMb: number
}

const [casesArg, ...names] = process.argv.slice(2)
const CASES = Number(casesArg ?? process.env['FUZZ_CASES'] ?? 1_000_000)
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000_007)
const chosen = names.length === 0 ? targets : names.flatMap((name) => targets.filter((target) => target.name === name))

function describe(input: FuzzCase): string {
  const text = redactSecrets(input.text)
  return `${input.text.length} chars: ${JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text)}`
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576)
}

function fuzz(check: (input: FuzzCase) => void, arbitrary: fc.Arbitrary<FuzzCase>, name: string): Tally {
  const tally: Tally = { cases: 0, crashes: 0, leaks: 0, slowestMs: 0, peakRssMb: rssMb() }
  const started = performance.now()
  fc.assert(fc.property(arbitrary, (input) => {
    const before = performance.now()
    try {
      check(input)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (message.includes('printed the planted secret')) tally.leaks++
      else tally.crashes++
      tally.firstDefect ??= `${redactSecrets(message).slice(0, 200)} on ${describe(input)}`
    }
    const took = performance.now() - before
    if (took > tally.slowestMs) {
      tally.slowestMs = took
      tally.slowestInput = describe(input)
    }
    tally.cases++
    if (tally.cases % 1000 === 0) tally.peakRssMb = Math.max(tally.peakRssMb, rssMb())
    if (tally.cases % 100_000 === 0) {
      process.stderr.write(`  ${name}: ${tally.cases} cases, ${tally.crashes} crashes, ${tally.leaks} leaks, ${Math.round((performance.now() - started) / 1000)} s\n`)
    }
    return true
  }), { numRuns: CASES, seed: SEED, endOnFailure: true })
  return tally
}

console.log(`graph-doctor fuzz: ${CASES} cases per target, seed ${SEED}, targets ${chosen.map((target) => target.name).join(', ')}`)
const total = performance.now()
let defects = 0
for (const target of chosen) {
  const started = performance.now()
  const tally = fuzz(target.check, target.arbitrary, target.name)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  defects += tally.crashes + tally.leaks
  console.log(`${target.name}: ${tally.cases} cases in ${seconds} s; crashes ${tally.crashes}; printed secrets ${tally.leaks}; slowest ${tally.slowestMs.toFixed(1)} ms (${tally.slowestInput ?? '-'}); peak RSS ${tally.peakRssMb} MB`)
  if (tally.firstDefect !== undefined) console.log(`  first defect: ${tally.firstDefect}`)
}
console.log(`total ${((performance.now() - total) / 1000).toFixed(1)} s, ${defects} defects, process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
process.exitCode = defects === 0 ? 0 : 1
