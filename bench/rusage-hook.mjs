// Loaded with `node --import` by bench/har-stream.mjs: on exit, the process writes its own CPU time
// and peak RSS (process.resourceUsage(), maxRSS in KiB) to the file named by GRAPH_DOCTOR_BENCH_RUSAGE.
import { writeFileSync } from 'node:fs'

const out = process.env.GRAPH_DOCTOR_BENCH_RUSAGE
if (out !== undefined && out !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(out, JSON.stringify({ maxRSS: usage.maxRSS, user: usage.userCPUTime, system: usage.systemCPUTime }))
  })
}
