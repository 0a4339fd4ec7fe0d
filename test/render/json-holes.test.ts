/**
 * A result's JSON with a hole at each string member (src/render/diagnosis/json-holes.ts) and the JSON
 * writer's pieces: filled, they are the text; redacted by parts at the output boundary, they are the
 * redaction of the whole text, whatever secrets the keys, values or fixed text hold (fast-check).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { redactSecrets } from '../../src/core/redact.js'
import { createPartsRedactor, joinParts, type OutputPart } from '../../src/core/redact/template.js'
import type { DiagnosisResult, Finding } from '../../src/core/types.js'
import { JsonHoles } from '../../src/render/diagnosis/json-holes.js'
import { jsonWriter } from '../../src/render/diagnosis/json.js'
import { nestedResultJson } from '../../src/render/diagnosis/json-result.js'
import { plantedArbitrary } from '../fuzz/secrets.js'
import { delegatedToken } from '../helpers/tokens.js'
import { permissionFinding } from './sample-diagnosis.js'

/** Strings a member may hold: plain, URL-like, escapes, and every planted secret shape. */
const textArbitrary = fc.oneof(
  fc.constantFrom('capture.har entry 12', 'https://graph.microsoft.com/v1.0/users/ada@contoso.example', '', 'a"b\\c', '\\', 'x": "y', 'Bearer', 'x=', ':', 'line\nbreak'),
  fc.string({ maxLength: 30 }),
  plantedArbitrary.chain((planted) => fc.constantFrom(planted.url, planted.query, planted.text, planted.body, planted.jwt, `${planted.header[0]}: ${planted.header[1]}`)),
  fc.constant(`Bearer ${delegatedToken()}`),
)

/** Keys of the contract, secret names (whose members stay whole) and odd keys. */
const keyArbitrary = fc.oneof(
  fc.constantFrom('source', 'url', 'detail', 'value', 'note', 'title', 'id', 'password', 'code', 'token', 'client_secret', 'refreshToken', 'x-api-key'),
  fc.string({ maxLength: 12 }),
)

const jsonArbitrary = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, textArbitrary, fc.integer(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(keyArbitrary, tie('value'), { maxKeys: 5 }),
})).object

/** As the writer lays a result out: after a line break (a comma before it or not), indented, ending with `}`. */
const pieceArbitrary = fc.tuple(fc.constantFrom('\n    ', ',\n    '), jsonArbitrary).map(([lead, json]) => lead + JSON.stringify(json, null, 2).replaceAll('\n', '\n    '))

test('a text with holes filled is the text, and is redacted by parts as it is whole', () => {
  fc.assert(fc.property(fc.array(pieceArbitrary, { minLength: 1, maxLength: 6 }), (texts) => {
    const holes = new JsonHoles()
    const parts: OutputPart[] = texts.map((text) => holes.fill(text) ?? text)
    // Each text twice: the second time its layout (when it has holes) is a template already checked.
    const all = [...parts, ...parts]
    assert.equal(joinParts(all), texts.join('') + texts.join(''))
    const redactParts = createPartsRedactor(redactSecrets)
    assert.equal(redactParts(all).join(''), redactSecrets(joinParts(all)))
  }), { numRuns: 500 })
})

test('a secret name keeps its member whole, in the fixed text', () => {
  const filled = new JsonHoles().fill('\n    {\n      "source": "a.har entry 1",\n      "password": "hunter2",\n      "code": "x"\n    }')
  assert.deepEqual(filled?.values, ['"a.har entry 1"'])
})

test('texts laid out alike fill one template', () => {
  const holes = new JsonHoles()
  const text = (url: string): string => `,\n    {\n      "source": "a.har entry 1",\n      "url": ${JSON.stringify(url)},\n      "status": 403\n    }`
  const first = holes.fill(text('https://graph.microsoft.com/v1.0/users/1'))
  const second = holes.fill(text('https://graph.microsoft.com/v1.0/users/2'))
  assert.ok(first !== undefined && first.template === second?.template)
  assert.deepEqual(second.values, ['"a.har entry 1"', '"https://graph.microsoft.com/v1.0/users/2"'])
})

/** A failed result whose strings hold `text` (a planted secret, an escape) in every place a finding has one. */
function failure(source: string, text: string, token: object | undefined): DiagnosisResult {
  const finding: Finding = { ...permissionFinding, detail: `GET ${text} was denied.`, evidence: [{ source: 'body', field: 'error.message', value: text, note: text }], fix: [...permissionFinding.fix, text] }
  const result: DiagnosisResult = { source, request: { method: 'GET', url: text }, status: 403, judgedAt: '2026-11-20T10:00:00.000Z', findings: [finding] }
  return token === undefined ? result : ({ ...result, token } as DiagnosisResult)
}

test('the JSON writer gives pieces that are its text and redact as it does whole', () => {
  const token = { form: 'jwt', kind: 'delegated', upn: 'ada@contoso.example', scopes: ['User.Read'], password: 'hunter2', length: 1032 }
  fc.assert(fc.property(fc.array(fc.tuple(textArbitrary, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }), (specs) => {
    const results: DiagnosisResult[] = []
    for (const [index, [text, withToken, repeat]] of specs.entries()) {
      const result = failure(`a.har entry ${index}`, text, withToken ? token : undefined)
      results.push(result)
      // A remembered repeat: the same findings, request and token objects, another source.
      if (repeat) results.push({ ...result, source: `a.har entry ${index}b` })
    }
    const pieces = jsonWriter()
    const parts: OutputPart[] = []
    for (const [index, result] of results.entries()) {
      const part = pieces.resultPart?.(result) ?? ''
      const list = (Array.isArray(part) ? part : [part]) as OutputPart[]
      // The result's JSON made on its own, every string redacted, no template.
      assert.equal(joinParts(list), (index === 0 ? '\n    ' : ',\n    ') + nestedResultJson(result, redactSecrets, new WeakMap()))
      parts.push(...list)
    }
    assert.ok(parts.some((part) => typeof part !== 'string'), 'results with findings are templates')
    assert.equal(createPartsRedactor(redactSecrets)(parts).join(''), redactSecrets(joinParts(parts)))
  }), { numRuns: 200 })
})
