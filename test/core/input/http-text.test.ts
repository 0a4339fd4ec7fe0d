import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { getHeader } from '../../../src/core/exchange.js'
import { diagnose } from '../../../src/core/diagnose.js'
import { parseInput } from '../../../src/core/input/index.js'

function formatError(text: string, message: string): void {
  assert.throws(() => parseInput(text, 'in.txt'), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && error.message === message)
}

test('curl -v with several requests gives one exchange each, numbered', () => {
  const text = [
    '> GET /v1.0/me HTTP/1.1', '> Host: graph.microsoft.com', '>',
    '< HTTP/1.1 302 Found', '< Location: /v1.0/users/1', '<',
    '> GET /v1.0/users/1 HTTP/1.1', '> Host: graph.microsoft.com', '>',
    '< HTTP/1.1 403 Forbidden', '<', '{"error":{"code":"accessDenied","message":"Access denied"}}',
  ].join('\n')
  const exchanges = parseInput(text, 'redirect.txt')
  assert.deepEqual(exchanges.map((exchange) => [exchange.source, exchange.request?.url, exchange.response?.status]), [
    ['redirect.txt request 1', 'https://graph.microsoft.com/v1.0/me', 302],
    ['redirect.txt request 2', 'https://graph.microsoft.com/v1.0/users/1', 403],
  ])
  assert.equal(exchanges[0]?.response?.body, undefined)
  assert.equal(exchanges[1]?.response?.body, '{"error":{"code":"accessDenied","message":"Access denied"}}')
})

test('curl -v: an interim 100 Continue is replaced by the final response; an HTML body is body', () => {
  const text = ['> POST /v1.0/users HTTP/1.1', '> Host: graph.microsoft.com', '>', '< HTTP/1.1 100 Continue', '<',
    '< HTTP/1.1 500 Internal Server Error', '< Content-Type: text/html', '<', '<html>', '<body>oops</body>', '</html>'].join('\r\n')
  const [exchange, ...rest] = parseInput(text, 'c.txt')
  assert.equal(rest.length, 0)
  assert.equal(exchange?.response?.status, 500)
  assert.equal(exchange?.response?.statusText, 'Internal Server Error')
  assert.equal(exchange?.response?.body, '<html>\n<body>oops</body>\n</html>')
})

test('curl -v: a request that never got an answer has no response; bad lines are named', () => {
  const [exchange] = parseInput('* Trying\n> GET https://graph.microsoft.com/beta/me HTTP/1.1\n>\n* connect timeout', 'c.txt')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/beta/me')
  assert.equal(exchange?.response, undefined)
  formatError('> GET /me HTTP/1.1\n> not a header\n', 'in.txt: line 2: not a header line (expected Name: value)')
  formatError('< HTTP/1.1 200 OK\n> oops no request line\n', 'in.txt: line 2: not a curl -v request line (expected > METHOD path HTTP/…)')
})

test('raw HTTP with LF, a relative target and a Host header gives an https URL and no response body when empty', () => {
  const [exchange] = parseInput('GET /v1.0/me HTTP/1.1\nHost: graph.microsoft.com\nAuthorization: Bearer\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=""\n', 'raw.txt')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/v1.0/me')
  assert.equal(exchange?.request?.body, undefined)
  assert.equal(getHeader(exchange?.request?.headers ?? [], 'authorization'), 'Bearer')
  assert.equal(exchange?.response?.status, 401)
  assert.equal(exchange?.response?.body, undefined)
})

test('raw HTTP: a response block alone, a request alone, HTTP/2 status lines and folded headers', () => {
  const [responseOnly] = parseInput('HTTP/2 403\ncontent-type: application/json\n\n{"error":{"code":"Forbidden","message":""}}', 'r.txt')
  assert.equal(responseOnly?.request, undefined)
  assert.equal(responseOnly?.response?.status, 403)
  const [requestOnly] = parseInput('DELETE /v1.0/groups/1\nX-Long: a\n  b\n', 'q.txt')
  assert.equal(requestOnly?.request?.method, 'DELETE')
  assert.equal(requestOnly?.request?.url, '/v1.0/groups/1')
  assert.deepEqual(requestOnly?.request?.headers, [['X-Long', 'a b']])
  assert.equal(requestOnly?.response, undefined)
})

test('raw HTTP: a response right after the request headers, without a blank line, is still read', () => {
  const [exchange] = parseInput('GET /v1.0/me HTTP/1.1\nHost: graph.microsoft.com\nHTTP/1.1 200 OK\n\n{}', 'x.txt')
  assert.equal(exchange?.response?.status, 200)
  assert.equal(exchange?.response?.body, '{}')
})

test('raw HTTP: a malformed header line is named by line number without its content', () => {
  formatError('GET /v1.0/me HTTP/1.1\nHost: graph.microsoft.com\nBearer eyJsecret\n', 'in.txt: line 3: not a header line (expected Name: value)')
})

test('a raw request line pasted without a single header is marked as headers not shown; one with Host is taken as sent (a 403 to it means the capture lost the header; a 401, that none was sent)', () => {
  const response = 'HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}'
  const short = parseInput(`GET https://graph.microsoft.com/v1.0/users\n${response}`, 'short.txt')[0]
  assert.equal(short?.request?.headersOmitted, true)
  const sent = parseInput(`GET /v1.0/users HTTP/1.1\nHost: graph.microsoft.com\n\n${response}`, 'sent.txt')[0]
  assert.equal(sent?.request?.headersOmitted, undefined)
  const diagnosed = diagnose(parseInput(`GET https://graph.microsoft.com/v1.0/users\n${response}`, 'short.txt'))
  assert.deepEqual(diagnosed.results[0]?.findings.map((finding) => finding.id), ['permission-missing'])
  const sentResult = diagnose([sent ?? { source: 'x', format: 'raw-http' }]).results[0]
  assert.deepEqual(sentResult?.findings.map((finding) => finding.id), ['permission-missing'])
  assert.ok(sentResult?.findings[0]?.evidence.some((item) => item.field === 'Authorization' && item.value === '(not in the capture)'))
  const anonymous = parseInput('GET /v1.0/users HTTP/1.1\nHost: graph.microsoft.com\n\nHTTP/1.1 401 Unauthorized\n\n{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}', 'anon.txt')
  assert.deepEqual(diagnose(anonymous).results[0]?.findings.map((finding) => finding.id), ['token-missing'])
})

test('a request line whose target was pasted with its spaces unencoded is read when the HTTP version ends it', () => {
  const response = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":{"code":"Request_UnsupportedQuery","message":"Unsupported Query."}}'
  const [exchange] = parseInput(`GET /v1.0/users?$filter=accountEnabled ne true&$count=true HTTP/1.1\nHost: graph.microsoft.com\n\n${response}`, 'spaced.txt')
  assert.equal(exchange?.request?.method, 'GET')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/v1.0/users?$filter=accountEnabled ne true&$count=true')
  assert.equal(exchange?.response?.status, 400)
  // Near misses: without the version the spaces end the target; a line that is prose is no request line.
  assert.notEqual(parseInput(`GET /v1.0/users?$filter=accountEnabled ne true\nHost: graph.microsoft.com\n\n${response}`, 'bare.txt')[0]?.format, 'raw-http')
  assert.throws(() => parseInput('Get the users from HTTP/1.1 logs', 'prose.txt'), /not a HAR/)
})
