/**
 * The quick proof of src/core/redact/plain.ts: whatever text it calls plain, redactSecrets leaves
 * unchanged; texts of every secret shape are never called plain.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { redactSecrets } from '../../src/core/redact.js'
import { isPlainText } from '../../src/core/redact/plain.js'
import { plantedArbitrary } from '../fuzz/secrets.js'
import { delegatedToken } from '../helpers/tokens.js'

/** Pieces that come close to a secret with only plain characters: scheme words, JWT header starts, long runs. */
const piece = fc.oneof(
  fc.constantFrom('Bearer ', 'bearer ', 'PoP ', 'Basic ', 'basic', 'ey', 'ew', 'e3', 'e0', 'e-', 'e_', 'eyJ0eXAi', 'en', ' ', '"', '.', '-', '_', 'x.har entry 1', 'EwB', 'A'.repeat(39), 'aB3'.repeat(14), '0.AXoA',
    'https://', 'http://', 'https:', '//', '/', 'graph.microsoft.com/v1.0/users/', 'EwA' + 'aB3/'.repeat(60), 'password:', 'https://a:b@', 'Ew'),
  fc.stringMatching(/^[A-Za-z0-9._/-]{0,24}$/),
  fc.stringMatching(/^[A-Za-z0-9._ "-]{0,12}$/),
  fc.string({ maxLength: 6 }),
)
const plainish = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''))

test('a text called plain is one redactSecrets leaves unchanged', () => {
  fc.assert(fc.property(fc.oneof(plainish, fc.string({ maxLength: 60 })), (text) => {
    if (isPlainText(text)) assert.equal(redactSecrets(text), text)
  }), { numRuns: 20_000 })
})

test('secrets are never called plain; the source of a capture\'s entry is', () => {
  fc.assert(fc.property(plantedArbitrary, (planted) => {
    for (const text of [planted.url, planted.query, planted.text, planted.body, planted.jwt, `${planted.header[0]}: ${planted.header[1]}`]) {
      if (redactSecrets(text) !== text) assert.equal(isPlainText(text), false, text)
    }
  }), { numRuns: 300 })
  for (const text of [`Bearer ${delegatedToken()}`, delegatedToken(), `"basic ${'QWxhZGRpbjpvcGVuIHNlc2FtZQ'}"`, 'x'.repeat(40), 'a e30.e30.abc'])
    assert.equal(isPlainText(text), false, text)
  for (const text of ['"capture.har entry 41327"', '"stdin"', '"my capture - 2026-11-20.har entry 7"', 'https://graph.microsoft.com/v1.0/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/messages'])
    assert.equal(isPlainText(text), true, text)
  for (const text of [`https://graph.microsoft.com/v1.0/x/EwA${'aB3/'.repeat(60)}`, 'https://user:pw@host/x', 'https://host/x?code=abc', 'x https://host/', `https://host/${delegatedToken()}`])
    assert.equal(isPlainText(text), false, text)
})
