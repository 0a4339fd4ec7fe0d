/** Values by Authorization header value (src/core/authorization-map.ts): one per distinct value, shared ends and all. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { AuthorizationMap } from '../../src/core/authorization-map.js'

test('one value per distinct Authorization value, as a Map keyed by the value gives', () => {
  // Values that share their last characters (past the few kept together), differ only early on, or are absent.
  const tail = 'x'.repeat(40)
  const value = fc.option(fc.oneof(fc.string({ maxLength: 50 }), fc.nat(40).map((n) => `Bearer ${n}${tail}`), fc.constantFrom('Bearer a', 'Bearer b', '')), { nil: undefined })
  fc.assert(fc.property(fc.array(value, { maxLength: 80 }), fc.nat(80), (values, clearAt) => {
    const map = new AuthorizationMap<object>()
    let reference = new Map<string | undefined, object>()
    for (const [index, authorization] of values.entries()) {
      if (index === clearAt) {
        map.clear()
        reference = new Map()
      }
      let expected = reference.get(authorization)
      const got = map.get(authorization, () => {
        assert.equal(expected, undefined, 'made again although known')
        return (expected = {})
      })
      reference.set(authorization, expected!)
      assert.equal(got, expected)
    }
  }), { numRuns: 300 })
})
