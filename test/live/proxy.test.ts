import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { request as httpRequest } from 'node:http'
import { findingIds } from '../../src/core/catalogue.js'
import { startProxy } from '../../src/live/proxy/server.js'
import { sha256 } from '../double/bodies.js'
import { findingCall } from '../double/finding-calls.js'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { rawRequest, startRig } from './helpers.js'

const DECODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync }

const scenario = (name: string): Record<string, string> => ({ 'x-double-scenario': name })

test('every finding id: the client gets the double\'s exact bytes and the proxy diagnoses that finding', { timeout: 120_000 }, async () => {
  const rig = await startRig()
  try {
    for (const id of findingIds) {
      const call = findingCall(id)
      const reported = rig.failures.length
      const request = rawRequest(`${rig.proxy.origin}${call.path}`, { method: call.method, headers: { ...call.headers, ...scenario(`finding:${id}`) }, ...(call.body === undefined ? {} : { body: call.body }) })
      if (call.response.cutOff === true) await assert.rejects(request, `${id}: the cut-off body closes the client's connection`)
      else {
        const response = await request
        assert.equal(response.status, call.response.status, id)
        assert.equal(response.body.toString('utf8'), call.response.body, id)
      }
      // On Node 22+ the client can see the cut-off body before the proxy's pipeline ends and records
      // the exchange: wait for the record (event-loop turns, no timer), then for its diagnosis.
      while (rig.failures.length === reported) {
        await rig.proxy.session.settled()
        if (rig.failures.length === reported) await new Promise((resolve) => setImmediate(resolve))
      }
      const last = rig.failures.at(-1)
      assert.ok(last !== undefined, `${id}: a failure was reported`)
      assert.ok(last.result.findings.some((finding) => finding.id === id), `${id}: got ${last.result.findings.map((finding) => finding.id).join(', ')}`)
    }
    assert.equal(rig.failures.length, findingIds.length)
    const missing = rig.failures.find((failure) => failure.result.findings[0]?.id === 'permission-missing')
    assert.equal(missing?.result.findings[0]?.permission?.leastPrivileged, 'User.ReadBasic.All')
  } finally {
    await rig.close()
  }
})

test('bodies stream through byte for byte: large, chunked, gzip, slow, HEAD, uploads, Expect: 100-continue', async () => {
  const rig = await startRig()
  try {
    for (const name of ['large:5000000', 'chunked:3000001', 'gzip', 'slow:4:1']) {
      const response = await rawRequest(`${rig.proxy.origin}/v1.0/me/drive/root/content`, { headers: { ...scenario(name), 'accept-encoding': 'gzip' } })
      assert.equal(sha256(response.body), response.headers['x-double-sha256'], name)
      if (name === 'gzip') assert.equal(response.headers['content-encoding'], 'gzip')
      if (name.startsWith('chunked')) assert.equal(response.headers['transfer-encoding'], 'chunked')
    }
    const head = await rawRequest(`${rig.proxy.origin}/v1.0/me/drive/root/content`, { method: 'HEAD', headers: scenario('large:1000') })
    assert.deepEqual([head.status, head.headers['content-length'], head.body.byteLength], [200, '1000', 0])
    const upload = Buffer.alloc(3 * 1024 * 1024, 7)
    const echoed = await rawRequest(`${rig.proxy.origin}/v1.0/me/drive/root:/big.bin:/content`, { method: 'PUT', headers: { ...scenario('echo'), expect: '100-continue', 'content-length': String(upload.byteLength) }, body: upload })
    const echo = JSON.parse(echoed.body.toString('utf8')) as { bodySha256: string; rawHeaders: string[] }
    assert.equal(echo.bodySha256, sha256(upload))
    const chunkedUpload = await rawRequest(`${rig.proxy.origin}/v1.0/me/drive/root:/a.txt:/content`, { method: 'PUT', headers: scenario('echo'), chunks: [Buffer.from('abc'), Buffer.from('def')] })
    assert.equal((JSON.parse(chunkedUpload.body.toString('utf8')) as { bodySha256: string }).bodySha256, sha256('abcdef'))
  } finally {
    await rig.close()
  }
})

test('a gzip, deflate or br error body reaches the client as sent and is diagnosed decoded', async () => {
  const rig = await startRig()
  try {
    const call = findingCall('permission-missing')
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const reported = rig.failures.length
      const response = await rawRequest(`${rig.proxy.origin}${call.path}`, { method: call.method, headers: { ...call.headers, ...scenario('finding:permission-missing'), 'x-double-encoding': encoding, 'accept-encoding': encoding } })
      assert.equal(response.headers['content-encoding'], encoding)
      assert.equal(DECODERS[encoding]?.(response.body).toString('utf8'), call.response.body, `${encoding}: the client's bytes`)
      while (rig.failures.length === reported) {
        await rig.proxy.session.settled()
        if (rig.failures.length === reported) await new Promise((resolve) => setImmediate(resolve))
      }
      const last = rig.failures.at(-1)
      assert.equal(last?.exchange.responseBody, call.response.body, `${encoding}: the body the diagnosis read`)
      assert.equal(last?.result.findings[0]?.id, 'permission-missing', encoding)
    }
  } finally {
    await rig.close()
  }
})

test('hop-by-hop headers are dropped both ways (RFC 9110 §7.6.1) and Host names the upstream', async () => {
  const rig = await startRig()
  try {
    const response = await rawRequest(`${rig.proxy.origin}/v1.0/me`, { headers: { ...scenario('echo'), connection: 'keep-alive, x-hop', 'x-hop': 'drop me', 'keep-alive': 'timeout=5', te: 'trailers', 'x-end-to-end': 'keep me' } })
    const { rawHeaders } = JSON.parse(response.body.toString('utf8')) as { rawHeaders: string[] }
    const names = rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase())
    for (const name of ['x-hop', 'keep-alive', 'te']) assert.ok(!names.includes(name), `${name} was forwarded`)
    assert.ok(names.includes('x-end-to-end'))
    assert.equal(rawHeaders[rawHeaders.findIndex((name) => name.toLowerCase() === 'host') + 1], new URL(rig.double.url).host)
  } finally {
    await rig.close()
  }
})

test('upstream faults: reset → 502, stall past the headers timeout → 504, refused → 502, each with a Graph-style JSON body', async () => {
  const rig = await startRig()
  // the stall gets a proxy of its own whose headers timeout (1 ms) the test need not wait for
  const stalling = await startProxy({ upstream: rig.double.url, loginUpstream: rig.double.url, headersTimeoutMs: 1, onUpstreamError: (exchange) => rig.upstreamErrors.push(exchange) })
  const closedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
  const refused = await startProxy({ upstream: `http://127.0.0.1:${closedPort}`, loginUpstream: `http://127.0.0.1:${closedPort}` })
  try {
    for (const [url, headers, status, code] of [
      [`${rig.proxy.origin}/v1.0/me`, scenario('reset'), 502, 'UpstreamUnreachable'],
      [`${stalling.origin}/v1.0/me`, scenario('stall'), 504, 'UpstreamTimeout'],
      [`${refused.origin}/v1.0/me`, {}, 502, 'UpstreamUnreachable'],
    ] as const) {
      const response = await rawRequest(url, { headers })
      assert.equal(response.status, status)
      const body = JSON.parse(response.body.toString('utf8')) as { error: { code: string; message: string } }
      assert.equal(body.error.code, code)
    }
    assert.match(rig.upstreamErrors.map((exchange) => exchange.problem).join(' '), /UND_ERR_HEADERS_TIMEOUT/)
  } finally {
    await refused.close()
    await stalling.close(0)
    await rig.close()
  }
})

test('a body broken off upstream closes the client connection; a client that leaves aborts the upstream request', async () => {
  const rig = await startRig()
  try {
    await assert.rejects(rawRequest(`${rig.proxy.origin}/v1.0/me`, { headers: scenario('reset-mid') }))
    const aborted = rig.double.nextAbort()
    const client = httpRequest(`${rig.proxy.origin}/v1.0/me`, { headers: scenario('stall'), agent: false })
    client.on('error', () => undefined)
    client.end()
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (rig.double.requests() >= 2) {
          clearInterval(poll)
          resolve()
        }
      }, 2)
    })
    client.destroy()
    await aborted
    await rig.proxy.session.settled()
    assert.equal(rig.proxy.session.counts().clientAborts, 1)
  } finally {
    await rig.close()
  }
})

test('close() drains an in-flight request before the proxy stops', async () => {
  const rig = await startRig()
  const slow = rawRequest(`${rig.proxy.origin}/v1.0/me`, { headers: scenario('slow:5:10') })
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (rig.double.requests() >= 1) {
        clearInterval(poll)
        resolve()
      }
    }, 2)
  })
  await rig.proxy.close(10_000)
  const response = await slow
  assert.equal(sha256(response.body), response.headers['x-double-sha256'])
  await rig.double.close()
})
