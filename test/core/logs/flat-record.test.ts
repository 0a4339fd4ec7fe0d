/**
 * The JSON-lines fast path against JSON.parse: field by field on generated and mutated lines, and
 * report for report (fast path on and off) over generated logs, mutated lines and any chunking.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { generateRecords } from '../../../bench/log-generator.mjs'
import { AGGREGATED_FIELDS, buildLogReport, JsonLinesReader, LogAggregator, readFlatFields } from '../../../src/core/logs/index.js'
import { catalogue } from '../rules/helpers.js'

const OTHER_KEYS = ['Type', 'OperationId', 'UserAgent', 'IPAddress', 'DurationMs', 'Location', '__proto__', 'constructor', 'Request', 'RequestUrl', 'roles ']
const keyArb = fc.oneof(fc.constantFrom(...AGGREGATED_FIELDS), fc.constantFrom(...OTHER_KEYS), fc.string({ maxLength: 12 }))
const textArb = fc.oneof(
  fc.constantFrom('', 'GET', 'post', '/v1.0/me', 'https://graph.microsoft.com/v1.0/users/6e7b768e-07e2-4810-8459-485f84f8f204/messages?$top=5',
    '/beta/users/ada@contoso.example', 'User.Read.All Mail.Read', 'User.Read', '62e90394-69f5-4237-9190-012177145e10', '2026-11-20T10:01:00Z', '403', '1e3'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const numberArb = fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constantFrom(200, 403, 0, -0, 1.5, 1e21, 2.5e-7, 123456789012), fc.double({ noNaN: true, noDefaultInfinity: true }))
const valueArb = fc.oneof({ weight: 5, arbitrary: textArb }, { weight: 2, arbitrary: numberArb }, fc.constantFrom(true, false, null), fc.constant({ nested: 1 }), fc.constant(['a']))
const pairsArb = fc.array(fc.tuple(keyArb, valueArb), { maxLength: 14 })

/** A line as JSON.stringify writes it, keys in the given order (duplicates kept as written). */
function lineOf(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  return `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`
}

const MUTATION_TEXTS = ['"', '\\', ',', '}', '{', '[', ' ', '\t', '\r', ':', '0', '-', '.', 'e', 'E', '+', 'n', 't', '\u0000', '\u00e9', '"x":1,', '\\u0041']
const mutationArb = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...MUTATION_TEXTS))

function mutate(line: string, mutations: ReadonlyArray<readonly [number, number, string]>): string {
  let text = line
  for (const [at, cut, insert] of mutations) {
    const position = text.length === 0 ? 0 : at % (text.length + 1)
    text = text.slice(0, position) + insert + text.slice(position + cut)
  }
  return text
}

const lineArb = fc.tuple(pairsArb, fc.array(mutationArb, { maxLength: 3 })).map(([pairs, mutations]) => mutate(lineOf(pairs), mutations))

/** What JSON.parse says the wanted fields are, or undefined when it does not give an object. */
function parsedFields(line: string): Record<string, unknown> | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const fields: Record<string, unknown> = {}
  for (const name of AGGREGATED_FIELDS) if (Object.hasOwn(value, name)) fields[name] = (value as Record<string, unknown>)[name]
  return fields
}

const PLAIN = /^[^\\\u0000-\u0009\u000b-\u001f]*$/

describe('readFlatFields (the JSON-lines fast path)', () => {
  it('gives exactly the wanted fields JSON.parse gives, or leaves the line to JSON.parse', () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        if (!PLAIN.test(line) || line.includes('\n')) return
        const fast = readFlatFields(`x\n${line}\ny`, 2, 2 + line.length)
        if (fast === undefined) return
        const parsed = parsedFields(line)
        assert.ok(parsed !== undefined, `JSON.parse rejects what the fast path read: ${line}`)
        assert.deepEqual({ ...fast }, parsed)
        for (const name of Object.keys(fast)) assert.ok(Object.is(fast[name], parsed[name]), name)
      }),
      { numRuns: 3000 },
    )
  })

  it('reads the lines JSON.stringify writes for flat records', () => {
    const line = lineOf([['RequestUri', '/v1.0/me'], ['ResponseStatusCode', 403], ['Roles', ''], ['Other', 'x'], ['Ok', true], ['N', null], ['D', -1.5e-3]])
    assert.deepEqual({ ...readFlatFields(line, 0, line.length) }, { RequestUri: '/v1.0/me', ResponseStatusCode: 403, Roles: '' })
  })

  it('leaves to JSON.parse: nested values, whitespace, a wanted key twice, bad numbers and literals, a line not ending in }', () => {
    for (const line of ['{"RequestUri":"/me","properties":{"a":1}}', '{"RequestUri": "/me"}', '{"RequestUri":"/me","RequestUri":"/x"}', '{"RequestUri":"/me","Count":01}',
      '{"RequestUri":"/me","Count":1.}', '{"RequestUri":"/me","Ok":tru}', '{"RequestUri":"/me"} ', '{"RequestUri":"/me",}', '{}']) {
      assert.equal(readFlatFields(line, 0, line.length), undefined, line)
    }
  })
})

/** The report of JSON lines read in the given chunks, with the fast path on or off. */
function reportOf(chunks: readonly string[], fastPath: boolean): unknown {
  const aggregator = new LogAggregator({ catalogue: catalogue() })
  aggregator.beginInput('activity.jsonl', 'json-lines')
  const reader = new JsonLinesReader(aggregator, 'activity.jsonl', fastPath)
  for (const chunk of chunks) reader.push(chunk)
  reader.end()
  return { report: buildLogReport(aggregator.state, catalogue()), state: JSON.parse(JSON.stringify(aggregator.state)) as unknown }
}

function chunked(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
  return [0, ...points].map((from, index) => text.slice(from, points[index] ?? text.length))
}

describe('JsonLinesReader: the fast path gives exactly the JSON.parse report', () => {
  it('over generated activity logs with mutated lines, whatever the chunking', async () => {
    const generated: string[] = []
    for await (const record of generateRecords('activity', 400, 7)) generated.push(JSON.stringify(record))
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: generated.length - 1 }), fc.array(mutationArb, { maxLength: 2 }))), fc.array(fc.nat(), { maxLength: 6 }), (mutations, cuts) => {
        const lines = [...generated]
        for (const [index, changes] of mutations) lines[index] = mutate(lines[index] ?? '', changes)
        const text = `${lines.join('\n')}\n`
        assert.deepEqual(reportOf(chunked(text, cuts), true), reportOf([text], false))
      }),
      { numRuns: 40 },
    )
  })

  it('over arbitrary (mutated) flat lines shaped like activity records', () => {
    const activityArb = fc.tuple(
      fc.record({ RequestUri: textArb, RequestMethod: fc.constantFrom('GET', 'post', 'PATCH'), ResponseStatusCode: fc.constantFrom(200, 403, 401, '404', 0), AppId: fc.constantFrom('a1', 'b2'), Roles: textArb, Scopes: textArb }),
      pairsArb,
      fc.array(mutationArb, { maxLength: 2 }),
    ).map(([record, extra, mutations]) => mutate(lineOf([...Object.entries(record), ...extra]), mutations))
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 4 }), (lines, cuts) => {
        const text = lines.join('\n')
        assert.deepEqual(reportOf(chunked(text, cuts), true), reportOf([text], false))
      }),
      { numRuns: 300 },
    )
  })
})
