/** `graph-doctor proxy` start-up errors: a system error is one line, a bug of ours stays a bug. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { listenError } from '../../src/cli/commands/proxy.js'
import { GraphDoctorError } from '../../src/core/errors.js'

test('EADDRINUSE becomes "cannot listen"; a TypeError or an error without an errno code is passed on unchanged', () => {
  const busy = listenError(Object.assign(new Error('listen EADDRINUSE: address already in use'), { code: 'EADDRINUSE' }), '127.0.0.1', '8080')
  assert.ok(busy instanceof GraphDoctorError)
  assert.equal(busy.message, 'cannot listen on 127.0.0.1 port 8080 (EADDRINUSE)')
  const bug = new TypeError("Cannot read properties of undefined (reading 'origin')")
  assert.equal(listenError(bug, '127.0.0.1', '0'), bug)
  const coded = Object.assign(new Error('invalid'), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.equal(listenError(coded, '127.0.0.1', '0'), coded)
})
