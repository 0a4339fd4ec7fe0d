import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { detectFormat, parseInput } from '../../../src/core/input/index.js'

test('detectFormat recognises each format from content', () => {
  assert.equal(detectFormat('\uFEFF{"log":{"version":"1.2","entries":[]}}'), 'har')
  assert.equal(detectFormat('{"log": {'), 'har', 'broken JSON that starts like a HAR')
  assert.equal(detectFormat('* Trying\n> GET /v1.0/me HTTP/2\n> Host: graph.microsoft.com\n'), 'curl')
  assert.equal(detectFormat('GET /v1.0/me HTTP/1.1\nHost: graph.microsoft.com\n'), 'raw-http')
  assert.equal(detectFormat('\r\n  HTTP/1.1 403 Forbidden\r\n\r\n'), 'raw-http')
  assert.equal(detectFormat('{"error":"invalid_client","error_description":"AADSTS7000215: x"}'), 'token-error')
  assert.equal(detectFormat('{"errorCode":"invalid_grant","errorMessage":"AADSTS50076: x"}'), 'msal-error')
  assert.equal(detectFormat('{"ErrorCode":"invalid_grant","Message":"AADSTS50076: x"}'), 'msal-error')
  assert.equal(detectFormat('{"error":{"code":"Forbidden","message":""}}'), 'graph-error')
})

test('detectFormat returns undefined for anything else', () => {
  for (const text of ['', 'hello', '{"value":[]}', '[1,2]', '{broken', 'eyJhbGciOi.eyJ.sig', '<html></html>']) {
    assert.equal(detectFormat(text), undefined, text)
  }
})

test('an unsupported input is refused with one line naming the input and line 1', () => {
  assert.throws(() => parseInput('just some notes\nabout a 403', 'notes.txt'), (error: unknown) =>
    isGraphDoctorError(error) &&
    error.code === 'ERR_INPUT_FORMAT' &&
    error.message === 'notes.txt: line 1: not a HAR, curl -v transcript, raw HTTP exchange, Graph or token-endpoint error body, MSAL error, PowerShell error record or Graph SDK error (an access token goes to graph-doctor token, an AADSTS code to graph-doctor aadsts -)')
})

test('broken JSON is refused at the line where it stops being JSON, not at line 1', () => {
  const broken = '{\n  "error": {\n    "code": "Authorization_RequestDenied",\n    "message": "x",,\n  }\n}\n'
  assert.throws(() => parseInput(broken, 'error.json'), (error: unknown) =>
    isGraphDoctorError(error) &&
    error.code === 'ERR_INPUT_FORMAT' &&
    error.message === 'error.json: line 4: not valid JSON (a HAR or a Graph, token-endpoint or MSAL error body must be complete JSON)')
  assert.throws(() => parseInput('  [1,\n2,\n', 'list.json'), /^GraphDoctorError: list\.json: line 3: not valid JSON/)
})

test('a pasted bare token is refused without echoing it', () => {
  const token = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ'
  assert.throws(() => parseInput(token, 'stdin'), (error: unknown) =>
    isGraphDoctorError(error) && !error.message.includes('eyJ') && !error.message.includes('c2VjcmV0'))
})

test('whitespace-only and BOM-only inputs are empty', () => {
  for (const text of ['', '   \n\t\r\n', '\uFEFF']) {
    assert.throws(() => parseInput(text, 'in.txt'), (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_INPUT_EMPTY')
  }
})

test('control bytes are binary data, reported at their line', () => {
  assert.throws(() => parseInput('GET /me HTTP/1.1\nHost: x\n\u0001\u0002', 'dump'), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && error.message === 'dump: line 3: binary data, not a text capture')
})

test('a bare Graph error body gets the status its code implies, else 0', () => {
  const status = (code: string): number | undefined =>
    parseInput(JSON.stringify({ error: { code, message: 'm' } }), 'body.json')[0]?.response?.status
  assert.equal(status('InvalidAuthenticationToken'), 401)
  assert.equal(status('Authorization_RequestDenied'), 403)
  assert.equal(status('ErrorAccessDenied'), 403)
  assert.equal(status('accessDenied'), 403)
  assert.equal(status('BadRequest'), 400)
  assert.equal(status('SomethingNew'), 0)
  assert.equal(status('constructor'), 0, 'an Object.prototype member is not a known code')
  const [exchange] = parseInput('{"error":{"code":"Forbidden","message":""}}', 'body.json')
  assert.equal(exchange?.format, 'graph-error')
  assert.equal(exchange?.request, undefined)
  assert.equal(exchange?.response?.body, '{"error":{"code":"Forbidden","message":""}}')
})
