/**
 * The BUILT `graph-doctor proxy` end to end (run `npm run build` first) against the Graph double:
 * banner, one line per failure, --json, --report, SIGINT/SIGTERM/--max-requests, and planted secrets
 * that must not appear in any console line, JSON line, report file or error message.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { LEAK_MARKER } from '../fixtures/findings/cases.js'
import { findingCall } from '../double/finding-calls.js'
import { startGraphDouble, type GraphDouble } from '../double/server.js'
import { delegatedToken, fakeSignature, makeJwt, delegatedClaims } from '../helpers/tokens.js'

const BIN = fileURLToPath(new URL('../../dist/bin/graph-doctor.js', import.meta.url))

interface Running {
  readonly child: ChildProcessWithoutNullStreams
  readonly base: string
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<number | null>
  /** Resolves once stdout holds `count` lines after the banner. */
  readonly lines: (count: number) => Promise<void>
}

async function startBin(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'proxy', ...args], { env: { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: join(tmpdir(), 'graph-doctor-no-cache') } })
  let stdout = ''
  let stderr = ''
  const waiters: Array<() => void> = []
  const wake = (): void => { for (const waiter of waiters.splice(0)) waiter() }
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); wake() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); wake() })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve))
  }
  const isJson = args.includes('--json')
  await until(() => /^http:\/\/\S+\/v1\.0$/m.test(isJson ? stderr : stdout) || child.exitCode !== null)
  const first = (isJson ? stderr : stdout).split('\n')[0] ?? ''
  return {
    child,
    base: first.replace(/\/v1\.0$/, ''),
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    lines: (count) => until(() => stdout.split('\n').filter((line) => line !== '').length >= count + (isJson ? 0 : 6)),
  }
}

async function send(base: string, id: Parameters<typeof findingCall>[0], extraHeaders: Record<string, string> = {}): Promise<Response> {
  const call = findingCall(id)
  const lower = (headers: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  const response = await fetch(`${base}${call.path}`, { method: call.method, headers: { ...lower(call.headers), ...lower(extraHeaders), 'x-double-scenario': `finding:${id}` }, ...(call.body === undefined ? {} : { body: call.body }) })
  await response.arrayBuffer()
  return response
}

test('proxy bin: banner first, one line per failure with the least-privileged permission, successes counted, exit 0 on SIGINT', async () => {
  const double = await startGraphDouble()
  const bin = await startBin(['--upstream', double.url, '--login-upstream', double.url])
  try {
    assert.match(bin.stdout().split('\n')[0] ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/)
    assert.match(bin.stdout(), /Graph JS client: [\s\S]*Kiota[\s\S]*\.NET: [\s\S]*Python: /)
    assert.equal((await fetch(`${bin.base}/v1.0/me`)).status, 200)
    assert.equal((await send(bin.base, 'permission-missing')).status, 403)
    await bin.lines(1)
    bin.child.kill('SIGINT')
    assert.equal(await bin.exited, 0)
    const failure = bin.stdout().split('\n').find((line) => line.includes('permission-missing'))
    assert.match(failure ?? '', /^✖ 403 GET \/v1\.0\/users\?\$select=displayName,mail  permission-missing: .* least privileged: User\.ReadBasic\.All/)
    assert.ok(!bin.stdout().includes('/v1.0/me '), 'a success is not printed without --verbose')
    assert.match(bin.stderr(), /2 requests: 1 succeeded, 1 failed/)
  } finally {
    bin.child.kill('SIGKILL')
    await double.close()
  }
})

test('proxy bin: --host other than loopback warns; a bad --port is a usage error (exit 2)', async () => {
  const double = await startGraphDouble()
  const bin = await startBin(['--host', '0.0.0.0', '--upstream', double.url, '--max-requests', '1'])
  try {
    assert.equal((await fetch(`http://127.0.0.1:${new URL(bin.base).port}/v1.0/me`)).status, 200)
    assert.equal(await bin.exited, 0)
    assert.match(bin.stderr(), /not a loopback address/)
  } finally {
    await double.close()
  }
  const bad = spawn(process.execPath, [BIN, 'proxy', '--port', '70000'])
  let stderr = ''
  bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  assert.equal(await new Promise((resolve) => bad.on('close', resolve)), 2)
  assert.match(stderr, /--port must be a whole number/)
})

test('planted secrets never reach console lines, --json lines, report files or error messages', async () => {
  const double: GraphDouble = await startGraphDouble()
  const reportDir = await mkdtemp(join(tmpdir(), 'graph-doctor-proxy-report-'))
  const signature = fakeSignature(`${LEAK_MARKER}-sig`)
  const token = makeJwt(delegatedClaims({ scp: 'openid profile User.Read' }), { signature })
  const cookie = `session=${LEAK_MARKER}-cookie`
  const bin = await startBin(['--json', '--upstream', double.url, '--login-upstream', double.url, '--report', reportDir, '--verbose'])
  try {
    await send(bin.base, 'permission-missing', { authorization: `Bearer ${token}`, cookie })
    await send(bin.base, 'password-reset', { cookie })
    await send(bin.base, 'token-request-failed', { cookie })
    const refused = await fetch(`${bin.base}/v1.0/me?access_token=${LEAK_MARKER}-query`, { headers: { authorization: `Bearer ${token}`, 'x-double-scenario': 'reset' } })
    assert.equal(refused.status, 502)
    assert.ok(!(await refused.text()).includes(LEAK_MARKER))
    await bin.lines(3)
    bin.child.kill('SIGTERM')
    assert.equal(await bin.exited, 0)
    const results = bin.stdout().trim().split('\n').map((line) => JSON.parse(line) as { status: number; findings: Array<{ id: string }>; upstreamError?: { problem: string } })
    assert.deepEqual(results.filter((result) => result.status !== 502).map((result) => result.findings[0]?.id).sort(), ['password-reset', 'permission-missing', 'token-request-failed'])
    const upstreamError = results.find((result) => result.status === 502)
    assert.ok(upstreamError?.upstreamError !== undefined, '--json prints one line for the 502 the proxy answered itself')
    assert.deepEqual(upstreamError.findings, [])
    const files = await readdir(reportDir)
    assert.deepEqual(files.sort(), ['diagnosis.json', 'session.har', 'summary.md'])
    const outputs = [bin.stdout(), bin.stderr(), ...(await Promise.all(files.map((file) => readFile(join(reportDir, file), 'utf8'))))]
    for (const output of outputs) {
      for (const secret of [LEAK_MARKER, signature, token, delegatedToken().split('.')[2] ?? '']) assert.ok(!output.includes(secret), `leaked ${secret.slice(0, 30)}…`)
    }
    const har = JSON.parse(outputs[3] ?? '{}') as { log: { creator: { version: string }; entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }> } }
    assert.equal(har.log.entries.length, 4)
    assert.equal(har.log.creator.version, (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version)
    assert.match(JSON.stringify(har), /Bearer \[redacted token, \d+ chars\]/)
  } finally {
    bin.child.kill('SIGKILL')
    await double.close()
    await rm(reportDir, { recursive: true, force: true })
  }
})

test('proxy bin: nothing is written to disk without --report', async () => {
  const double = await startGraphDouble()
  const cwd = await mkdtemp(join(tmpdir(), 'graph-doctor-proxy-cwd-'))
  const child = spawn(process.execPath, [BIN, 'proxy', '--upstream', double.url, '--max-requests', '1'], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    if (stdout.includes('Ctrl-C')) resolve()
  }))
  await send((stdout.split('\n')[0] ?? '').replace(/\/v1\.0$/, ''), 'token-expired')
  assert.equal(await new Promise((resolve) => child.on('close', resolve)), 0)
  assert.deepEqual(await readdir(cwd), [])
  await rm(cwd, { recursive: true, force: true })
  await double.close()
})
