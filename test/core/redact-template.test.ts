/**
 * Output templates checked by parts (src/core/redact/template.ts): the redaction of filled templates
 * and texts must be the redaction of their whole text, whatever secrets the values or the fixed text
 * hold, and a template whose holes break the rule is refused.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { redactSecrets } from '../../src/core/redact.js'
import { createPartsRedactor, joinParts, OutputTemplate, type OutputPart } from '../../src/core/redact/template.js'
import { plantedArbitrary } from '../fuzz/secrets.js'
import { delegatedToken } from '../helpers/tokens.js'

/** Values a result's holes may hold: plain, URL-like, and every planted secret shape. */
const valueArbitrary = fc.oneof(
  fc.constantFrom('capture.har entry 12', 'https://graph.microsoft.com/v1.0/users/ada@contoso.example', '2026-11-20T10:00:00.000Z', 'a"b\\c', 'password', 'Bearer', 'x=', ':'),
  fc.string({ maxLength: 30 }),
  plantedArbitrary.chain((planted) => fc.constantFrom(planted.url, planted.query, planted.text, planted.body, planted.jwt, `${planted.header[0]}: ${planted.header[1]}`)),
  fc.constant(`Bearer ${delegatedToken()}`),
)

/** Fixed text around holes: JSON members as a result has them, some holding secrets themselves. */
const fixedArbitrary = fc.oneof(
  fc.constantFrom('{\n      "source": ', '\n      },\n      "status": 200,\n      "judgedAt": ', ',\n      "findings": []\n    }', ',\n    {\n      "url": '),
  plantedArbitrary.map((planted) => `{\n  "note": ${JSON.stringify(planted.text)},\n  "value": `),
  fc.string({ maxLength: 20 }).map((text) => `${JSON.stringify(text)}\n  "key": `),
)

/** Where output pieces meet, as in the JSON writer: each starts with a line break (after a comma or not) and ends with `}`. */
const lead = fc.constantFrom('\n', ',\n    ')

const templateArbitrary = fc.array(valueArbitrary, { minLength: 1, maxLength: 3 }).chain((values) =>
  fc.tuple(lead, fc.array(fixedArbitrary, { minLength: values.length, maxLength: values.length }), fc.constantFrom('\n}', ',\n  "x": 1\n}')).map(([start, fixed, tail]) => {
    // Each hole sits after `": ` and before a line break, as the JSON writer's holes do.
    const parts = fixed.map((text, index) => `${index === 0 ? `${start}{` : index % 2 === 0 ? ',\n' : '\n'}${text.endsWith('": ') ? text : `${text}\n  "k": `}`)
    parts.push(tail)
    return { template: new OutputTemplate(parts), values: values.map((value) => JSON.stringify(value)) }
  }),
)

/** A text piece (a result made on its own): JSON, whose strings are quoted, like every piece the writer makes. */
const textArbitrary = fc.tuple(lead, fc.oneof(fixedArbitrary, valueArbitrary), valueArbitrary).map(([start, text, value]) => `${start}{\n  "text": ${JSON.stringify(text)},\n  "value": ${JSON.stringify(value)}\n}`)

test('parts are redacted exactly as their whole text, secrets in values or fixed text alike', () => {
  const part: fc.Arbitrary<OutputPart> = fc.oneof(templateArbitrary, textArbitrary)
  fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.array(templateArbitrary, { maxLength: 2 }), (parts, repeats) => {
    // A fresh redactor, fed each repeated template twice: the second time from what it remembered.
    const pieces = createPartsRedactor(redactSecrets)
    const redact = (parts: readonly OutputPart[]): string => pieces(parts).join('')
    const all = [...parts, ...repeats, ...repeats]
    assert.equal(redact(all), redactSecrets(joinParts(all)))
    assert.equal(redact(all), redactSecrets(joinParts(all)))
  }), { numRuns: 400 })
})

test('a template holding a secret, or a value holding one, is redacted whole', () => {
  const token = delegatedToken()
  const pieces = createPartsRedactor(redactSecrets)
  const redact = (parts: readonly OutputPart[]): string => pieces(parts).join('')
  const template = new OutputTemplate(['{\n  "source": ', ',\n  "url": ', '\n}'])
  const clean = { template, values: ['"a.har entry 1"', '"https://graph.microsoft.com/v1.0/me"'] }
  assert.equal(redact([clean]), joinParts([clean]))
  const leaky = { template, values: ['"a.har entry 2"', JSON.stringify(`https://graph.microsoft.com/v1.0/me?access_token=${token}`)] }
  assert.ok(!redact([leaky]).includes(token.split('.')[2] ?? 'x'))
  const secretTemplate = new OutputTemplate([`{\n  "auth": "Bearer ${token}",\n  "source": `, '\n}'])
  assert.ok(!redact([{ template: secretTemplate, values: ['"a.har entry 3"'] }]).includes(token.split('.')[2] ?? 'x'))
})

test('a hole not between `": ` and a line break is refused', () => {
  assert.throws(() => new OutputTemplate(['{"url": ', '}']))
  assert.throws(() => new OutputTemplate(['url=', '\n']))
  assert.doesNotThrow(() => new OutputTemplate(['"url": ', ',\n']))
})
