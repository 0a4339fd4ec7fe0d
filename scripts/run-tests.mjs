// Runs every test/**/*.test.ts with node:test. Node 20 expands no globs, so list the files here.
// The concise reporter (scripts/test-reporter.mjs) prints failures in full and one closing line;
// `--spec` gives node's own per-test report instead.
import { readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const reporter = args.includes('--spec') ? 'spec' : fileURLToPath(new URL('test-reporter.mjs', import.meta.url))
const only = args.filter((arg) => arg !== '--spec')
const files = readdirSync('test', { recursive: true })
  .map((file) => join('test', String(file)))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort()

if (files.length === 0) {
  console.error('No test files found.')
  process.exit(1)
}
// Node's default is one file less than the cores; test files mostly wait on the processes they start.
const concurrency = `--test-concurrency=${Math.max(2, availableParallelism())}`
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', concurrency, `--test-reporter=${reporter}`, ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
