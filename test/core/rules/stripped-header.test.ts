import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { call, findingOf, graphError, ids, run } from './helpers.js'

const GRAPH = 'https://graph.microsoft.com/v1.0'
const DENIED = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
const EMPTY = graphError('InvalidAuthenticationToken', 'Access token is empty.')

describe('a capture without its Authorization header', () => {
  it('reads a 403 as a token Graph accepted (the header was removed from the capture), not as no token sent', () => {
    const result = run(call({ url: `${GRAPH}/users`, token: null, status: 403, body: DENIED }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['permission-missing'])
    const finding = findingOf(result, 'permission-missing')
    const header = finding.evidence.find((item) => item.source === 'header' && item.field === 'Authorization')
    assert.equal(header?.value, '(not in the capture)')
    assert.match(header?.note ?? '', /anonymous call gets 401/)
    assert.match(finding.fix[0]!, /does not show the token/)
    assert.match(finding.fix[0]!, /User\.ReadBasic\.All/)
  })

  it('still says no token was sent when Graph answered 401 (near miss)', () => {
    assert.deepEqual(ids(run(call({ url: `${GRAPH}/users`, token: null, status: 401, body: EMPTY }), { withCatalogue: true })), ['token-missing'])
    const bare401 = run(call({ url: `${GRAPH}/users`, token: null, status: 401 }), { withCatalogue: true })
    assert.ok(ids(bare401).includes('token-missing'))
    const evidence = findingOf(bare401, 'token-missing').evidence.find((item) => item.field === 'Authorization')
    assert.equal(evidence?.value, '(absent)')
  })
})
