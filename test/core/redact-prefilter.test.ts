/**
 * The checks of src/core/redact/prefilter.ts (and the `includes` before other patterns) are necessary
 * conditions: whenever a redaction pattern matches a text, its check holds, so skipping the pattern
 * when the check fails never lets a secret through.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { ESCAPED_PAIR, HEADER_OBJECT } from '../../src/core/redact/json-pairs.js'
import { NAME_EQUALS, QUOTED_NAME, SECRET_HEADER_LINE, USER_INFO } from '../../src/core/redact/pairs.js'
import { hasQuotedName, hasSchemeBeforeBlank, hasSecretHeaderName } from '../../src/core/redact/prefilter.js'
import { OPAQUE_MSA, SCHEME_CREDENTIAL, SHORT_BASIC } from '../../src/core/redact/tokens.js'
import { plantedArbitrary } from '../fuzz/secrets.js'

const CHECKS: readonly { readonly pattern: RegExp; readonly check: (text: string) => boolean }[] = [
  { pattern: SCHEME_CREDENTIAL, check: hasSchemeBeforeBlank },
  { pattern: SHORT_BASIC, check: hasSchemeBeforeBlank },
  { pattern: OPAQUE_MSA, check: (text) => text.includes('Ew') },
  { pattern: USER_INFO, check: (text) => text.includes('@') },
  { pattern: SECRET_HEADER_LINE, check: hasSecretHeaderName },
  { pattern: NAME_EQUALS, check: (text) => text.includes('=') || text.includes('%3') },
  { pattern: QUOTED_NAME, check: (text) => text.includes('"') || text.includes("'") },
  { pattern: HEADER_OBJECT, check: hasQuotedName },
  { pattern: ESCAPED_PAIR, check: (text) => text.includes('\\') },
]

/** Pieces of every pattern, in odd cases and with the blanks and separators around them. */
const piece = fc.oneof(
  fc.constantFrom('Bearer', 'bEaReR', 'PoP', 'pop', 'BASIC', 'Basic', 'ReadBasic', ' ', '\t', '  ', 'Ew', 'EwB', 'EwA' + 'Ab+/'.repeat(60), '@', ':', ' : ', '\t:'),
  fc.constantFrom('Authorization', 'proxy-AUTHORIZATION', 'Set-Cookie', 'cookie', 'x-cookie', '"', "'", '"name', '"NaMe', '\\', '\\"', '"value"', '=', '%3D', '%3d', 'https://a:b@host/', 'YTpi', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ'),
  fc.stringMatching(/^[A-Za-z0-9+/=._~ \t:@"'\\%-]{0,16}$/),
  fc.string({ maxLength: 8 }),
)
const nearMisses = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''))

function assertNecessary(text: string): void {
  for (const { pattern, check } of CHECKS) {
    const matches = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text)
    if (matches) assert.equal(check(text), true, `${pattern.source} matches ${JSON.stringify(text)} but its check says no`)
  }
}

test('a redaction pattern matches only texts its check lets through', () => {
  fc.assert(fc.property(fc.oneof(nearMisses, fc.string({ maxLength: 80 })), assertNecessary), { numRuns: 20_000 })
  fc.assert(fc.property(plantedArbitrary, (planted) => {
    for (const text of [planted.url, planted.query, planted.text, planted.body, planted.jwt, `${planted.header[0]}: ${planted.header[1]}`]) assertNecessary(text)
  }), { numRuns: 500 })
})

test('the checks are not always true: plain output skips the patterns', () => {
  const output = 'GET https://graph.microsoft.com/v1.0/users?$select=displayName\n  User.ReadBasic.All Authorization_RequestDenied: "appId eq x"'
  assert.equal(hasSchemeBeforeBlank(output), false)
  assert.equal(hasSecretHeaderName(output), false)
  assert.equal(hasQuotedName(output), false)
  assert.equal(hasSchemeBeforeBlank('Authorization: bearer\tabc'), true)
  assert.equal(hasSecretHeaderName('Set-Cookie \t: a=b'), true)
  assert.equal(hasQuotedName('{"Name":"Cookie"'), true)
})
