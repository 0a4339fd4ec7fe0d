/**
 * The numbers a raw call record's group is found by: the tuple index against a Map of the same
 * tuples as texts, and the raw-call reader's numbers against the group key texts (equal numbers,
 * equal key texts; the same key text whatever the spelling of a status).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CallIndex, type CallNumbers } from '../../../src/core/logs/call-index.js'
import { ClaimsNumbers, RawCallReader } from '../../../src/core/logs/read/raw-call.js'

const small = fc.nat({ max: 40 })
const tupleArb = fc.record({ shape: small, app: small, method: fc.nat({ max: 3 }), status: fc.constantFrom(0, 200, 403, 1000, 1001), claims: small })

describe('CallIndex', () => {
  it('finds exactly the tuples set, through growth and probing', () => {
    fc.assert(
      fc.property(fc.array(tupleArb, { maxLength: 400 }), fc.array(tupleArb, { maxLength: 50 }), (sets, probes) => {
        const index = new CallIndex<string>()
        const map = new Map<string, string>()
        const text = (call: CallNumbers): string => `${call.shape},${call.app},${call.method},${call.status},${call.claims}`
        for (const call of sets) {
          if (map.has(text(call))) continue
          map.set(text(call), `slot ${map.size}`)
          index.set(call, `slot ${map.size - 1}`)
        }
        for (const call of [...sets, ...probes]) assert.equal(index.get(call), map.get(text(call)))
      }),
    )
  })
})

const APP = '11111111-aaaa-4aaa-8aaa-111111111111'
const record = (fields: Record<string, unknown>): Record<string, unknown> => ({
  RequestUri: 'https://graph.microsoft.com/v1.0/users/6e7b768e-07e2-4810-8459-485f84f8f204/messages?$top=5',
  RequestMethod: 'GET', ResponseStatusCode: 403, AppId: APP, Roles: 'User.Read.All', Scopes: '', Wids: '', UserId: '', ...fields,
})

describe('RawCallReader', () => {
  it('gives equal numbers exactly when the group key texts are equal', () => {
    const variants = [
      record({}), record({ ResponseStatusCode: '403' }), record({ ResponseStatusCode: 403.5 }), record({ ResponseStatusCode: 200 }),
      record({ RequestUri: 'https://graph.microsoft.com/beta/users/ada@contoso.example/messages' }), record({ RequestUri: '/v1.0/users/ada@contoso.example/messages' }),
      record({ RequestUri: 'https://graph.microsoft.us/v1.0/users/ada@contoso.example/messages' }), record({ RequestMethod: 'get' }),
      record({ Roles: 'User.Read.All Mail.Read' }), record({ Roles: ['User.Read.All'] }), record({ UserId: 'u1' }), record({ AppId: '', ServicePrincipalId: APP }),
      { properties: record({ ResponseStatusCode: 200 }), time: '2026-11-20T10:00:00Z' },
    ]
    const reader = new RawCallReader(new ClaimsNumbers())
    const calls = variants.map((value) => reader.read(value))
    calls.forEach((a, i) => calls.forEach((b, j) => {
      assert.ok(a !== undefined && b !== undefined)
      const sameNumbers = a.shape === b.shape && a.app === b.app && a.method === b.method && a.status === b.status && a.claims === b.claims
      const sameKeys = reader.keyOf(a) === reader.keyOf(b)
      // A status written as text is a number of its own, with the key text of the number: never two keys for one tuple.
      if (sameNumbers) assert.ok(sameKeys, `variants ${i} and ${j}`)
      if (sameKeys && !sameNumbers) assert.ok(i === 1 || j === 1, `variants ${i} and ${j}`)
    }))
    assert.equal(reader.keyOf(calls[0]!), `${APP}\u0000GET\u0000https://graph.microsoft.com /users/{id}/messages\u0000403\u0000${calls[0]!.claims >>> 1}\u0000`)
  })

  it('is no call for a record without a URI, method or status', () => {
    const reader = new RawCallReader(new ClaimsNumbers())
    assert.equal(reader.read({ RequestMethod: 'GET', ResponseStatusCode: 200 }), undefined)
    assert.equal(reader.read(record({ ResponseStatusCode: null })), undefined)
  })
})
