import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { expandBatches, parseInput } from '../../../src/core/input/index.js'
import { jsonErrorOffset } from '../../../src/core/input/json-locate.js'
import { parseGraphError, parseTokenEndpointError, parseWwwAuthenticate } from '../../../src/core/response/index.js'
import { classifyUrl } from '../../../src/core/target-classify.js'

test('parseInput either reads exchanges or throws a GraphDoctorError, for any text', () => {
  const prefixes = fc.constantFrom('', '{"log":', '> GET /me HTTP/1.1\n', 'HTTP/1.1 401\n', 'GET /me HTTP/1.1\n', '{"error":', '{"errorCode":')
  fc.assert(fc.property(prefixes, fc.string(), (prefix, rest) => {
    try {
      const exchanges = parseInput(prefix + rest, 'fuzz')
      assert.ok(Array.isArray(expandBatches(exchanges)))
    } catch (error) {
      assert.ok(isGraphDoctorError(error), String(error))
      assert.ok(!error.message.includes('\n'), 'one line')
    }
  }), { numRuns: 500 })
})

test('the response parsers and classifyUrl never throw', () => {
  fc.assert(fc.property(fc.string(), (text) => {
    parseWwwAuthenticate([text])
    parseGraphError(text)
    parseTokenEndpointError(text)
    classifyUrl(text)
  }), { numRuns: 500 })
})

test('jsonErrorOffset agrees with JSON.parse on validity', () => {
  fc.assert(fc.property(fc.json(), (json) => assert.equal(jsonErrorOffset(json), undefined)), { numRuns: 300 })
  fc.assert(fc.property(fc.string(), (text) => {
    let valid = true
    try {
      JSON.parse(text)
    } catch {
      valid = false
    }
    assert.equal(jsonErrorOffset(text) === undefined, valid, text)
  }), { numRuns: 500 })
  assert.equal(jsonErrorOffset('{"a":\n[1,}'), 9)
  assert.equal(jsonErrorOffset('{"a":1} x'), 8)
})

test('a HAR response status of -1 means no response', () => {
  const text = JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }, response: { status: -1 } }] } })
  assert.equal(parseInput(text, 'c.har')[0]?.response, undefined)
})
