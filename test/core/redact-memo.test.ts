/** The redaction memo: repeated texts are scanned once, and no text that held a secret is kept. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { redactSecrets } from '../../src/core/redact.js'
import { memoizeRedaction } from '../../src/core/redact/memo.js'

function counted(): { redact: (text: string) => string; calls: () => number } {
  let calls = 0
  return { redact: (text) => ((calls += 1), redactSecrets(text)), calls: () => calls }
}

test('a text without a secret is redacted once however often it repeats', () => {
  const { redact, calls } = counted()
  const memo = memoizeRedaction(redact)
  for (let index = 0; index < 5; index++) assert.equal(memo('Grant User.Read.All and consent.'), 'Grant User.Read.All and consent.')
  assert.equal(calls(), 1)
})

test('a text that held a secret is never kept as a key: the raw secret does not stay in memory', () => {
  const { redact, calls } = counted()
  const memo = memoizeRedaction(redact)
  const text = 'POST /token client_secret=FAKE-s3cret-value-1&grant_type=client_credentials'
  for (let index = 0; index < 3; index++) assert.equal(memo(text), 'POST /token client_secret=[redacted, 19 chars]&grant_type=client_credentials')
  assert.equal(calls(), 3)
})

test('the memo starts afresh past its limit', () => {
  const { redact, calls } = counted()
  const memo = memoizeRedaction(redact, 2)
  for (const text of ['a', 'b', 'c', 'a']) memo(text)
  assert.equal(calls(), 4)
})
