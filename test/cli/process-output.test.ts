import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processOutput, processTarget, type OutputStream, type OutputTarget } from '../../src/cli/process-output.js'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const EXCHANGE = join(process.cwd(), 'test/fixtures/findings/permission-missing/hit.http')
const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-output-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function errno(code: string): Error {
  return Object.assign(new Error(code), { code })
}

/** A stand-in for process.stdout that records what it was given. */
function recordingStream(extra: Partial<OutputStream> = {}): OutputStream & { readonly written: string[] } {
  const written: string[] = []
  return {
    written,
    write: (data, done) => {
      written.push(Buffer.from(data).toString('utf8'))
      done?.()
      return true
    },
    once: () => undefined,
    on: () => undefined,
    writableNeedDrain: false,
    ...extra,
  }
}

/** A direct target whose writes take at most `step` bytes each and fail with `failWith` after `failAfter` bytes. */
function directTarget(step: number, failAfter: number, failWith: string, stream: OutputStream): OutputTarget & { readonly bytes: number[] } {
  const bytes: number[] = []
  return {
    bytes,
    direct: true,
    writeSome: (data, offset) => {
      if (bytes.length >= failAfter) throw errno(failWith)
      const taken = Array.from(data.subarray(offset, offset + Math.min(step, failAfter - bytes.length)))
      bytes.push(...taken)
      return taken.length
    },
    stream: () => stream,
  }
}

test('a pipe or file is written directly, in partial writes until all is taken; Node\'s stream is never asked', () => {
  let asked = 0
  const stream = recordingStream()
  const target = directTarget(3, Number.POSITIVE_INFINITY, 'EAGAIN', stream)
  const output = processOutput({ ...target, stream: () => (asked++, stream) }, () => assert.fail('no broken pipe'))
  output.write('héllo ')
  output.write(new Uint8Array([0x77, 0x6f, 0x72, 0x6c, 0x64]))
  assert.equal(Buffer.from(target.bytes).toString('utf8'), 'héllo world')
  assert.equal(asked, 0)
  assert.equal(output.isTTY, false)
  let flushed = false
  output.flush(() => (flushed = true))
  assert.equal(flushed, true)
})

test('a full non-blocking pipe (EAGAIN) hands the rest, and every later write, to Node\'s stream in order', () => {
  const stream = recordingStream()
  const target = directTarget(4, 6, 'EAGAIN', stream)
  const output = processOutput(target, () => assert.fail('no broken pipe'))
  output.write('abcdefghij')
  output.write('klm')
  assert.equal(Buffer.from(target.bytes).toString('utf8'), 'abcdef')
  assert.deepEqual(stream.written, ['ghij', 'klm'])
  let flushed = false
  output.flush(() => (flushed = true))
  assert.equal(flushed, true)
})

test('a reader that has gone (EPIPE) calls onBrokenPipe; any other write error is thrown', () => {
  let broken = 0
  const output = processOutput(directTarget(100, 2, 'EPIPE', recordingStream()), () => broken++)
  output.write('abc')
  assert.equal(broken, 1)
  const failing = processOutput(directTarget(100, 0, 'EIO', recordingStream()), () => assert.fail('not a broken pipe'))
  assert.throws(() => failing.write('x'), /EIO/)
})

test('a terminal is written through Node\'s stream, which gives its width', () => {
  const stream = recordingStream({ isTTY: true, columns: 132 })
  const output = processOutput({ direct: false, writeSome: () => assert.fail('not direct'), stream: () => stream }, () => undefined)
  output.write('x')
  assert.deepEqual(stream.written, ['x'])
  assert.equal(output.isTTY, true)
  assert.equal(output.columns, 132)
})

test('a server (mayBlock: false) keeps Node\'s streams even on a pipe or file, so a slow reader never stops it', () => {
  assert.equal(processTarget(1, false).direct, false)
  assert.equal(processTarget(2, false).direct, false)
})

function writeHar(count: number): string {
  const entry = '{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/users/N/messages","headers":[]},"response":{"status":403,"headers":[],"content":{"text":"{\\"error\\":{\\"code\\":\\"Authorization_RequestDenied\\",\\"message\\":\\"Insufficient privileges to complete the operation.\\"}}"}}}'
  const path = join(dir, `many-${count}.har`)
  writeFileSync(path, `{"log":{"version":"1.2","entries":[${Array.from({ length: count }, (_, n) => entry.replace('N', String(n))).join(',')}]}}`)
  return path
}

const env = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_PERMISSIONS: '', GRAPH_DOCTOR_CACHE_DIR: dir }

test('stdout redirected to a file gets exactly what a pipe gets', () => {
  const piped = spawnSync(process.execPath, [BIN, 'diagnose', '--format', 'json', '--now', '2026-01-01T00:00:00Z', EXCHANGE], { env, encoding: 'utf8' })
  const file = join(dir, 'out.json')
  const fd = openSync(file, 'w')
  const toFile = spawnSync(process.execPath, [BIN, 'diagnose', '--format', 'json', '--now', '2026-01-01T00:00:00Z', EXCHANGE], { env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' })
  closeSync(fd)
  assert.equal(toFile.status, piped.status)
  assert.ok(piped.stdout.length > 1000)
  assert.equal(readFileSync(file, 'utf8'), piped.stdout)
})

test('stdout sent to /dev/null is written directly too: Node\'s stream modules are never loaded', { skip: process.platform === 'win32' ? 'no /dev/null' : false }, () => {
  const probe = join(dir, 'loaded-modules.cjs')
  writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, process.moduleLoadList.filter((name) => /stream/.test(name)).join(',')))\n")
  const run = (stdout: number | 'pipe'): string => {
    const result = spawnSync(process.execPath, ['--require', probe, BIN, '--version'], { env, stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8' })
    assert.equal(result.status, 0)
    return result.stderr
  }
  const devNull = openSync('/dev/null', 'w')
  try {
    assert.equal(run(devNull), run('pipe'))
  } finally {
    closeSync(devNull)
  }
})

test('a reader that stops early (diagnose big.har | head) ends the run quietly with exit 0', async () => {
  const har = writeHar(3000)
  const child = spawn(process.execPath, [BIN, 'diagnose', har], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  // the output (several MB) is far more than a pipe holds: the run is still writing when the reader goes
  const first = await new Promise<Buffer>((done) => child.stdout.once('data', done))
  child.stdout.destroy()
  const code = await new Promise<number | null>((done) => child.once('close', done))
  assert.ok(first.length > 0)
  assert.equal(code, 0, stderr)
  assert.doesNotMatch(stderr, /EPIPE|internal error|Error/)
})
