/** `graph-doctor logs` and `merge` through the built binary: every input format, the report formats, shards and merge, exit codes. */
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeLogs } from '../../bench/log-generator.mjs'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const FIXTURES = join(process.cwd(), 'test/fixtures/logs')
const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-logs-'))
const emptyCache = mkdtempSync(join(tmpdir(), 'graph-doctor-cache-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(emptyCache, { recursive: true, force: true })
})

function cli(args: readonly string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: emptyCache }
  delete env['GRAPH_DOCTOR_PERMISSIONS']
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES, env, input, maxBuffer: 1 << 28, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

interface Report {
  inputs: Array<{ format: string; records: number; unreadable: number }>
  totals: Record<string, number>
  byCause: Array<{ id: string; count: number }>
  aadsts: Array<{ category: string; codes: Array<{ code: number; count: number }> }>
  failures: unknown[]
}

function json(args: readonly string[], input = ''): Report {
  const run = cli(['logs', '--format', 'json', ...args], input)
  assert.ok(run.code === 0 || run.code === 1, run.stderr)
  return JSON.parse(run.stdout) as Report
}

const ACTIVITY_TOTALS = { calls: 11, failedCalls: 5, signins: 0, failedSignins: 0, unreadable: 0 }

describe('graph-doctor logs', () => {
  it('reads the same activity log from JSON lines, a JSON array, gzip, CSV and diagnostic-settings envelopes', () => {
    const formats: Record<string, string> = { 'activity.json': 'json-array', 'activity.jsonl.gz': 'json-lines', 'activity.csv': 'csv', 'activity-envelope.json': 'json-lines' }
    const reference = json(['activity.json'])
    for (const [file, format] of Object.entries(formats)) {
      const report = json([file])
      assert.equal(report.inputs[0]?.format, format, file)
      assert.deepEqual(report.totals, ACTIVITY_TOTALS, file)
      assert.deepEqual(report.failures, reference.failures, file)
    }
  })

  it('counts unreadable lines and goes on; stdin works', () => {
    const report = json(['-'], readFileSync(join(FIXTURES, 'activity.jsonl'), 'utf8'))
    assert.deepEqual(report.totals, { ...ACTIVITY_TOTALS, unreadable: 2 })
  })

  it('reads sign-ins from a Graph page and a service-principal sign-in export, AADSTS codes by category', () => {
    const report = json(['signins-page.json', 'sp-signins.csv'])
    assert.deepEqual([report.totals['signins'], report.totals['failedSignins']], [6, 4])
    const codes = Object.fromEntries(report.aadsts.flatMap((category) => category.codes.map((code) => [code.code, [category.category, code.count]])))
    assert.deepEqual(codes, { 65001: ['consent', 2], 50076: ['conditional-access', 1], 7000215: ['credentials', 1] })
  })

  it('weights KQL group rows by Count', () => {
    const report = json(['kql-groups.csv'])
    assert.deepEqual([report.totals['calls'], report.totals['failedCalls']], [1250, 1200])
  })

  it('reads a gzip-compressed HAR entry by entry', () => {
    const report = json(['capture.har.gz', '--now', '2026-11-20T10:00:00Z'])
    assert.equal(report.inputs[0]?.format, 'har')
    assert.ok((report.totals['calls'] ?? 0) > 0 && report.byCause.length > 0)
  })

  it('exits 1 with error findings, 0 without, 2 for input that is no log and for usage errors', () => {
    assert.equal(cli(['logs', 'activity.json']).code, 1)
    const healthy = join(dir, 'ok.jsonl')
    writeFileSync(healthy, `${JSON.stringify({ RequestMethod: 'GET', RequestUri: '/v1.0/me', ResponseStatusCode: 200, Scopes: 'User.Read', UserId: 'u' })}\n`)
    assert.equal(cli(['logs', healthy]).code, 0)
    const notALog = join(dir, 'x.txt')
    writeFileSync(notALog, 'hello there\n')
    const refused = cli(['logs', notALog])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /not a log export/)
    const allBad = join(dir, 'bad.jsonl')
    writeFileSync(allBad, '{"a":1}\n{"b":2}\n')
    assert.match(cli(['logs', allBad]).stderr, /no readable record \(.*bad\.jsonl line 1: neither/)
    assert.equal(cli(['logs']).code, 2)
    assert.equal(cli(['logs', '--format', 'pdf', 'activity.json']).code, 2)
    assert.equal(cli(['logs', '--engine', 'sqlite', 'activity.json']).code, 2)
  })

  it('writes csv with one row per app × cause × endpoint, and a self-contained html page', () => {
    const csv = cli(['logs', '--format', 'csv', 'activity.json']).stdout.trimEnd().split('\r\n')
    assert.equal(csv[0], 'appId,appName,cause,severity,method,template,status,missingPermission,scheme,count,firstSeen,lastSeen,sampleRequestIds')
    assert.equal(csv.length, 3)
    const html = cli(['logs', '--format', 'html', 'activity.jsonl', 'signins-page.json']).stdout
    assert.match(html, /^<!doctype html>/)
    assert.match(html, /<svg class="chart"/)
    assert.doesNotMatch(html, /<script|<link|@import|url\(/i)
    assert.doesNotMatch(html, /(?:src|href)=/i)
    assert.match(html, /only the calls in these logs/)
    const markdown = cli(['logs', '--format', 'markdown', 'activity.json']).stdout
    assert.match(markdown, /\| 3 \| 11111111-aaaa-4aaa-8aaa-111111111111 \| permission-missing \| GET \/users\/\{id\}\/messages \| 403 \| Mail\.ReadBasic\.All \|/)
  })

  it('reads every format of the synthetic generator alike: activity as JSON lines, CSV and storage envelopes; sign-ins as Graph pages, JSON lines and CSV', async () => {
    const reports: Record<string, Report> = {}
    for (const [kind, formats] of [['activity', ['jsonl', 'csv', 'storage']], ['signins', ['graph', 'jsonl', 'csv']]] as const) {
      for (const format of formats) {
        const file = join(dir, `generated-${kind}.${format}`)
        await writeLogs(file, { kind, records: 600, format, seed: 3 })
        reports[`${kind} ${format}`] = json([file])
      }
    }
    const activity = reports['activity jsonl']
    assert.equal(activity?.totals['calls'], 600)
    assert.ok((activity?.totals['failedCalls'] ?? 0) > 0 && (activity?.byCause.length ?? 0) > 1)
    for (const format of ['csv', 'storage']) assert.deepEqual(reports[`activity ${format}`]?.failures, activity?.failures, format)
    const signins = reports['signins graph']
    assert.equal(signins?.totals['signins'], 600)
    for (const format of ['jsonl', 'csv']) assert.deepEqual(reports[`signins ${format}`]?.aadsts, signins?.aadsts, format)
  })

  it('--engine duckdb pre-aggregates the same calls into groups, which give the same failures', () => {
    const engine = cli(['logs', '--engine', 'duckdb', '--format', 'json', 'activity.json'])
    if (engine.stderr.includes('@duckdb/node-api')) return assert.equal(engine.code, 2, 'without the optional package: one line, exit 2')
    const viaDuckdb = JSON.parse(engine.stdout) as Report
    const streamed = json(['activity.json'])
    assert.deepEqual([viaDuckdb.totals['calls'], viaDuckdb.totals['failedCalls']], [streamed.totals['calls'], streamed.totals['failedCalls']], engine.stderr)
    assert.deepEqual(viaDuckdb.byCause.map((cause) => [cause.id, cause.count]), streamed.byCause.map((cause) => [cause.id, cause.count]))
  })

  it('merge of the partials of N shards prints exactly the single-run report', () => {
    const lines = readFileSync(join(FIXTURES, 'activity.jsonl'), 'utf8').trimEnd().split('\n')
    const single = cli(['logs', '--format', 'json', 'activity.jsonl', 'signins-page.json'])
    for (const shards of [2, 4]) {
      const size = Math.ceil(lines.length / shards)
      const partials = Array.from({ length: shards }, (_, index) => {
        const shard = join(dir, `shard-${shards}-${index}.jsonl.gz`)
        writeFileSync(shard, gzipSync(`${lines.slice(index * size, (index + 1) * size).join('\n')}\n`))
        const partial = join(dir, `shard-${shards}-${index}.partial.json`)
        const extra = index === shards - 1 ? ['signins-page.json'] : []
        const run = cli(['logs', '--partial', partial, '--format', 'json', shard, ...extra])
        assert.ok(run.code === 1 || run.code === 0, run.stderr)
        return partial
      })
      const merged = cli(['merge', '--format', 'json', ...partials])
      assert.equal(merged.code, single.code)
      const strip = (text: string): unknown => ({ ...(JSON.parse(text) as Report), inputs: [], unreadable: undefined })
      assert.deepEqual(strip(merged.stdout), strip(single.stdout), `${shards} shards`)
      assert.equal((JSON.parse(merged.stdout) as { unreadable: { count: number } }).unreadable.count, 2)
    }
    assert.match(cli(['merge', join(FIXTURES, 'activity.json')]).stderr, /not a graph-doctor partial/)
  })

  it('--workers N reads a large JSON-lines file in N byte ranges and prints exactly the one-thread report, unreadable lines numbered from the file start', async () => {
    const generated = join(dir, 'workers-generated.jsonl')
    await writeLogs(generated, { kind: 'activity', records: 8600, seed: 11 })
    const lines = readFileSync(generated, 'utf8').trimEnd().split('\n')
    for (const at of [3, 2500, 4000, 8590]) lines[at] = 'not json {'
    lines[5000] = ''
    const file = join(dir, 'workers.jsonl')
    writeFileSync(file, `${lines.join('\n')}\n${readFileSync(join(FIXTURES, 'activity.jsonl'), 'utf8')}`)
    const single = cli(['logs', '--format', 'json', file, 'signins-page.json'])
    assert.ok(single.code === 0 || single.code === 1, single.stderr)
    const report = JSON.parse(single.stdout) as Report & { unreadable: { listed: Array<{ source: string }> } }
    assert.deepEqual(report.unreadable.listed.map((entry) => entry.source).slice(0, 4), [4, 2501, 4001, 8591].map((line) => `${file} line ${line}`))
    for (const workers of ['2', '3']) {
      const parallel = cli(['logs', '--workers', workers, '--format', 'json', file, 'signins-page.json'])
      assert.equal(parallel.code, single.code, parallel.stderr)
      assert.equal(parallel.stdout, single.stdout, `--workers ${workers}`)
    }
    assert.match(cli(['logs', '--workers', '0', file]).stderr, /--workers must be a number from 1 to 64/)
  })
})
