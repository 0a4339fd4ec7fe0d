import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { FIXTURE_TIME, GRAPH_APP_ID, makeJwt } from '../helpers/tokens.js'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const NOW = new Date(FIXTURE_TIME * 1000).toISOString()
const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-stream-'))
const emptyCache = mkdtempSync(join(tmpdir(), 'graph-doctor-cache-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(emptyCache, { recursive: true, force: true })
})
/** A small token keeps the 200,000-entry file small (about 60 MB). */
const TOKEN = makeJwt({ aud: GRAPH_APP_ID, scp: 'User.Read', exp: FIXTURE_TIME + 3600, idtyp: 'user' }, { header: { alg: 'RS256' }, signature: 'c2ln' })
const DENIED = JSON.stringify(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }))

function cli(args: readonly string[], input?: Uint8Array): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: emptyCache }
  delete env['GRAPH_DOCTOR_PERMISSIONS']
  const run = spawnSync(process.execPath, [BIN, 'diagnose', '--now', NOW, ...args], { cwd: dir, env, input: input ?? '', maxBuffer: 1 << 30, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A compact entry; every 100th is a 403, every 1000th a `$batch` of two sub-requests. */
function entry(n: number): string {
  if (n % 1000 === 999) {
    const body = JSON.stringify(JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/users' }] }))
    return `{"request":{"method":"POST","url":"https://graph.microsoft.com/v1.0/$batch","headers":[{"name":"Authorization","value":"Bearer ${TOKEN}"}],"postData":{"text":${body}}},"response":{"status":200,"headers":[],"content":{"text":"{\\"responses\\":[]}"}}}`
  }
  const status = n % 100 === 42 ? 403 : 200
  const body = status === 403 ? `,"content":{"text":${DENIED}}` : ''
  return `{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/users/${n}","headers":[{"name":"Authorization","value":"Bearer ${TOKEN}"}]},"response":{"status":${status},"headers":[]${body}}}`
}

/** Write a HAR of `count` entries to a file, a megabyte at a time (never whole in memory). */
function writeHar(name: string, count: number, tail = ']}}'): string {
  const path = join(dir, name)
  const fd = openSync(path, 'w')
  let text = '{"log":{"version":"1.2","entries":['
  for (let n = 0; n < count; n++) {
    text += (n === 0 ? '' : ',\n') + entry(n)
    if (text.length > 1 << 20) {
      writeSync(fd, text)
      text = ''
    }
  }
  writeSync(fd, text + tail)
  closeSync(fd)
  return path
}

function expectedResults(count: number): number {
  let results = 0
  for (let n = 0; n < count; n++) results += n % 1000 === 999 ? 2 : 1
  return results
}

test('a HAR of 200,000 entries is diagnosed whole: one result per entry (two per $batch), one valid JSON document', () => {
  const har = writeHar('big.har', 200_000)
  const run = cli(['--format', 'json', har])
  assert.equal(run.code, 1, run.stderr.slice(0, 500))
  const document = JSON.parse(run.stdout) as { version: number; results: Array<{ source: string }>; summary: { results: number; errors: number } }
  assert.equal(document.version, 1)
  assert.equal(document.results.length, expectedResults(200_000))
  assert.equal(document.summary.results, document.results.length)
  assert.equal(document.results.at(-3)?.source, `${har} entry 199999`)
  assert.equal(document.results.at(-1)?.source, `${har} entry 200000 batch request 2`)
  assert.ok(document.summary.errors >= 2000, `every 403 is an error: ${document.summary.errors}`)
})

test('a gzip-compressed HAR on stdin gives the same output as the file', () => {
  const har = writeHar('small.har', 300)
  const plain = cli(['--format', 'json', har])
  const zipped = cli(['--format', 'json', '-'], gzipSync(readFileSync(har)))
  assert.equal(zipped.code, plain.code)
  assert.equal(zipped.stdout, plain.stdout.replaceAll(har, 'stdin'))
  writeFileSync(join(dir, 'small.har.gz'), gzipSync(readFileSync(har)))
  assert.equal(cli(['--format', 'json', 'small.har.gz']).stdout, plain.stdout.replaceAll(har, 'small.har.gz'))
})

test('a HAR cut off after many entries: what was written is closed as valid JSON, and the error names line and byte', () => {
  const har = writeHar('cut.har', 5000, ',{"request":{"method":"GET"')
  const run = cli(['--format', 'json', har])
  assert.equal(run.code, 2)
  const lines = run.stderr.trimEnd().split('\n').filter((line) => !line.includes('no Microsoft Graph permission data'))
  assert.equal(lines.length, 1, run.stderr)
  assert.match(lines[0] ?? '', /^graph-doctor: .*cut\.har: line 5000 \(byte \d+\): not valid JSON, so not a HAR \(the JSON ends too early/)
  const document = JSON.parse(run.stdout) as { results: unknown[] }
  assert.equal(document.results.length, expectedResults(5000))
})

test('structural errors name the file and where: log missing, log.entries missing, broken JSON', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['nolog.har', '{"log":\n  {"version": "1.2"\n  }\n}', /^graph-doctor: nolog\.har: line 3 \(byte \d+\): invalid HAR: log\.entries is missing or not an array$/],
    ['broken.har', '{"log": {"entries": [\n{"request": {}},\n x]}}', /^graph-doctor: broken\.har: line 3 \(byte 40\): not valid JSON, so not a HAR \(expected a value\)$/],
  ]
  for (const [name, content, pattern] of cases) {
    writeFileSync(join(dir, name), content)
    const run = cli([name])
    assert.equal(run.code, 2)
    assert.equal(run.stdout, '')
    assert.match(run.stderr.trimEnd(), pattern)
  }
})

test('a mistyped second FILE fails before any output, even after a first file of more than 256 KiB of output', () => {
  const har = writeHar('first.har', 3000)
  assert.ok(cli(['--format', 'json', har]).stdout.length > 256 * 1024, 'the first file alone writes past the hold-back buffer')
  const run = cli(['--format', 'json', har, 'no-such-file.har'])
  assert.equal(run.code, 2)
  assert.equal(run.stdout, '')
  assert.equal(run.stderr, 'graph-doctor: no-such-file.har: no such file\n')
})
