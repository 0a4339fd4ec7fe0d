/** Opening inputs as streams: a source that fails in the middle of gzip data is an error, not a hang. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { CliIo } from '../../src/cli/command.js'
import { openInput } from '../../src/cli/input-source.js'

function stdinIo(chunks: () => AsyncIterable<Uint8Array>): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, readStdin: () => Promise.resolve(''), stdinChunks: chunks, isTTY: false, env: {}, cwd: '/' }
}

const har = gzipSync(JSON.stringify({ log: { version: '1.2', entries: Array.from({ length: 400 }, (_, index) => ({ note: `entry ${index} ${randomBytes(150).toString('base64')}` })) } }))

test('stdin that breaks off in the middle of gzip data rejects with the read error instead of hanging', { timeout: 30_000 }, async () => {
  async function* breaking(): AsyncGenerator<Uint8Array> {
    yield har.subarray(0, 5000)
    await new Promise((resolve) => setImmediate(resolve))
    throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
  }
  const reading = (async () => {
    const input = await openInput('-', stdinIo(breaking))
    if (input.kind === 'har') for await (const _chunk of input.chunks) { /* drain */ }
  })()
  await assert.rejects(reading, (error: Error & { code?: string }) => error.code === 'ERR_INPUT_UNREADABLE' && /^stdin: /.test(error.message))
})

test('whole gzip data from stdin opens as a HAR stream', async () => {
  async function* whole(): AsyncGenerator<Uint8Array> {
    yield har
  }
  const input = await openInput('-', stdinIo(whole))
  assert.equal(input.kind, 'har')
})
