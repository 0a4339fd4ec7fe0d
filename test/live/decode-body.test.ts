/** The proxy's decoding of a copied error body: cut-off copies, unknown codings, bounded output. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { decodeErrorBody } from '../../src/live/proxy/decode-body.js'

const text = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'x'.repeat(5000) } })

test('a copy cut at the limit decodes to the text it holds; unknown codings and garbage give no text', () => {
  const gzip = gzipSync(text)
  assert.equal(decodeErrorBody(gzip, 'gzip', 1 << 20), text)
  assert.equal(decodeErrorBody(Buffer.from(text), undefined, 1 << 20), text)
  assert.equal(decodeErrorBody(Buffer.from(text), 'identity', 1 << 20), text)
  const cut = decodeErrorBody(gzip.subarray(0, gzip.byteLength - 20), 'gzip', 1 << 20) ?? ''
  assert.ok(cut.length > 0 && text.startsWith(cut), 'a cut copy keeps its decoded start')
  assert.equal(decodeErrorBody(Buffer.from('not gzip at all'), 'gzip', 1 << 20), undefined)
  assert.equal(decodeErrorBody(gzip, 'compress', 1 << 20), undefined)
})

test('decoded text is cut at the limit, and a decoder stops at eight times it (a zip bomb gives no text)', () => {
  assert.equal(decodeErrorBody(gzipSync(text), 'gzip', 1000), text.slice(0, 1000))
  assert.equal(decodeErrorBody(gzipSync(Buffer.alloc(10 << 20)), 'gzip', 1000), undefined)
})
