import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { JsonArrayScanner, JsonScanError, type ScannedElement } from '../../../src/core/stream/json-array-scanner.js'

const encoder = new TextEncoder()

/** Scan `text` cut into chunks of `size` bytes; the elements' texts parsed back. */
function scan(text: string, path: readonly string[], size: number, options: { maxStringBytes?: number; maxElementBytes?: number } = {}): { elements: ScannedElement[]; summary: ReturnType<JsonArrayScanner['end']> } {
  const bytes = encoder.encode(text)
  const scanner = new JsonArrayScanner({ path, ...options })
  const elements: ScannedElement[] = []
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size), (element) => elements.push(element))
  return { elements, summary: scanner.end() }
}

const parsed = (elements: readonly ScannedElement[]): unknown[] => elements.map((element) => JSON.parse(element.text ?? 'undefined') as unknown)

test('the elements of log.entries equal JSON.parse, for any JSON and any chunk size', () => {
  const doc = fc.record({
    before: fc.dictionary(fc.string(), fc.jsonValue()),
    entries: fc.array(fc.jsonValue()),
    after: fc.dictionary(fc.string(), fc.jsonValue()),
  })
  fc.assert(fc.property(doc, fc.integer({ min: 1, max: 70 }), fc.boolean(), ({ before, entries, after }, size, pretty) => {
    const log = { ...before, entries, ...after }
    const value = { decoy: { entries: [1, 2] }, log }
    const text = JSON.stringify(value, null, pretty ? 2 : undefined)
    const expected = (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries
    const { elements, summary } = scan(text, ['log', 'entries'], size)
    assert.deepEqual(parsed(elements), expected)
    assert.equal(summary.elements, expected.length)
    assert.equal(summary.missing, undefined)
  }), { numRuns: 300 })
})

test('escaped quotes and backslashes at chunk boundaries do not end a string', () => {
  const entries = [{ a: 'x\\"y\\\\', b: '\\\\\\"' }, '"]}', { c: ['\\', '}]'] }]
  const text = JSON.stringify({ log: { entries } })
  for (const size of [1, 2, 3, 5, 7, 64, 65536]) assert.deepEqual(parsed(scan(text, ['log', 'entries'], size).elements), entries, `chunk ${size}`)
})

test('positions: index, byte offset and line of each element', () => {
  const text = '{\n  "log": {\n    "entries": [\n      {"n": "é"},\n      {"n": 2}\n    ]\n  }\n}\n'
  const { elements } = scan(text, ['log', 'entries'], 4)
  assert.deepEqual(elements.map(({ index, line }) => ({ index, line })), [{ index: 0, line: 4 }, { index: 1, line: 5 }])
  assert.equal(elements[1]?.offset, encoder.encode(text.slice(0, text.indexOf('{"n": 2}'))).length)
})

test('a top-level array and other paths', () => {
  assert.deepEqual(parsed(scan('[1, "a", {"b": [true]}, null]', [], 3).elements), [1, 'a', { b: [true] }, null])
  assert.deepEqual(parsed(scan('{"@odata.context":"x","value":[{"id":1}]}', ['value'], 5).elements), [{ id: 1 }])
})

test('a missing array is named with the line where its object ended', () => {
  assert.deepEqual(scan('{"log": {\n"version": "1.2"\n}\n}', ['log', 'entries'], 4).summary.missing, { key: "log.entries", line: 3, offset: 27 })
  assert.equal(scan('{"other": 1}', ['log', 'entries'], 4).summary.missing?.key, 'log')
  assert.equal(scan('{"log": {"entries": {}}}', ['log', 'entries'], 4).summary.missing?.key, 'log.entries')
})

test('broken JSON throws a JsonScanError with its line and offset', () => {
  const cases: Array<[string, number]> = [['{"log": {"entries": [{"a": 1}', 1], ['{"log": {\n\n"entries" 1', 3], ['{"log": {}} x', 1], ['hello', 1], ['', 1], ['{"log":\n[', 2]]
  for (const [text, line] of cases) {
    assert.throws(() => scan(text, ['log', 'entries'], 3), (error: unknown) => error instanceof JsonScanError && error.line === line, text)
  }
})

test('a string over the budget is summarised; an element over the budget is reported, not held', () => {
  const big = 'A'.repeat(5000)
  const text = JSON.stringify({ log: { entries: [{ small: 'ok', big, after: 'x\\"' }, { n: 1 }] } })
  for (const size of [1, 7, 100, 1 << 20]) {
    const { elements } = scan(text, ['log', 'entries'], size, { maxStringBytes: 1000 })
    assert.deepEqual(parsed(elements), [{ small: 'ok', big: '[omitted by graph-doctor: a value of 5000 bytes]', after: 'x\\"' }, { n: 1 }], `chunk ${size}`)
  }
  const { elements } = scan(text, ['log', 'entries'], 64, { maxElementBytes: 1000, maxStringBytes: 100000 })
  assert.equal(elements[0]?.text, undefined)
  assert.match(elements[0]?.problem ?? '', /too large/)
  assert.deepEqual(JSON.parse(elements[1]?.text ?? ''), { n: 1 })
})

test('an element that is not UTF-8 is reported, and the next one is read', () => {
  const bytes = Uint8Array.from([...encoder.encode('{"log":{"entries":[{"a":"'), 0xff, ...encoder.encode('"},{"b":1}]}}')])
  const scanner = new JsonArrayScanner({ path: ['log', 'entries'] })
  const elements: ScannedElement[] = []
  scanner.push(bytes, (element) => elements.push(element))
  scanner.end()
  assert.equal(elements[0]?.problem, 'not valid UTF-8')
  assert.deepEqual(JSON.parse(elements[1]?.text ?? ''), { b: 1 })
})

/** What a consumer sees of an element: its place and its parsed value (from `value` when the scanner parsed it). */
const seen = (elements: readonly ScannedElement[]): unknown[] =>
  elements.map((element) => ({ index: element.index, offset: element.offset, line: element.line, value: 'value' in element ? element.value : JSON.parse(element.text ?? 'undefined') }))

test('pretty-printed entries read whole (already parsed) give the same elements, offsets and lines as byte by byte', () => {
  const doc = fc.record({ entries: fc.array(fc.jsonValue(), { maxLength: 12 }), after: fc.dictionary(fc.string(), fc.jsonValue()) })
  fc.assert(fc.property(doc, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 40, max: 400 }), ({ entries, after }, indent, size) => {
    const text = `${JSON.stringify({ log: { entries, ...after } }, null, indent)}\n{`.slice(0, -2)
    const byByte = scan(text, ['log', 'entries'], 1)
    const inChunks = scan(text, ['log', 'entries'], size)
    assert.deepEqual(seen(inChunks.elements), seen(byByte.elements))
    assert.deepEqual(inChunks.summary, byByte.summary)
  }), { numRuns: 300 })
})

test('a pretty-printed capture in large chunks is read by the indented fast path', () => {
  const entries = Array.from({ length: 50 }, (_, n) => ({ request: { method: 'GET', url: `https://graph.microsoft.com/v1.0/users/${n}`, headers: [{ name: 'a', value: '}' }] }, n }))
  const text = JSON.stringify({ log: { version: '1.2', entries } }, null, 2)
  const { elements } = scan(text, ['log', 'entries'], 1 << 20)
  assert.equal(elements.length, 50)
  assert.ok(elements.every((element) => 'value' in element), 'every entry parsed by the scanner')
  assert.deepEqual(elements.map((element) => element.value), entries)
  assert.deepEqual(elements.map((element) => element.line), entries.map((_, n) => 5 + n * 13))
})

test('a nested object closing at the entry\'s indentation, and a brace on a line of its own, are not taken for its end', () => {
  const lure = '{\n  "log": {\n    "entries": [\n    {\n      "a": {\n    },\n      "b": "\\n    }"\n    },\n    {\n    "c": [\n    {}\n    ]\n    }\n    ]\n  }\n}\n'
  for (const size of [1, 5, 64, 1 << 20]) {
    const { elements } = scan(lure, ['log', 'entries'], size)
    assert.deepEqual(seen(elements), [
      { index: 0, offset: lure.indexOf('    {\n      "a"') + 4, line: 4, value: { a: {}, b: '\n    }' } },
      { index: 1, offset: lure.indexOf('    {\n    "c"') + 4, line: 9, value: { c: [{}] } },
    ], `chunk ${size}`)
  }
})

test('a malformed entry inside an indented capture still fails with its exact line', () => {
  const text = '{\n  "log": {\n    "entries": [\n      {\n        "a": 1\n      },\n      {\n        "a": 1 2\n      }\n    ]\n  }\n}\n'
  const { elements } = scan(text, ['log', 'entries'], 1 << 20)
  assert.deepEqual(elements.map((element) => [element.line, 'value' in element]), [[4, true], [7, false]])
  assert.throws(() => JSON.parse(elements[1]?.text ?? ''))
  assert.throws(() => scan('{\n  "log": {\n    "entries": [\n      {\n        "a": 1\n      },\n      x\n    ]\n  }\n}', ['log', 'entries'], 1 << 20), (error: unknown) => error instanceof JsonScanError && error.line === 7)
})

test('newlines are counted exactly four bytes at a time, at any alignment', async () => {
  const { countNewlines } = await import('../../../src/core/stream/indented-element.js')
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(7), fc.nat(200), fc.nat(200), (body, shift, a, b) => {
    const bytes = new Uint8Array(body.length + shift)
    bytes.set(body.map((byte) => (byte % 3 === 0 ? 0x0a : byte)), shift)
    const view = bytes.subarray(shift)
    const from = Math.min(a, b, view.length)
    const to = Math.min(Math.max(a, b), view.length)
    const expected = view.subarray(from, to).filter((byte) => byte === 0x0a).length
    assert.equal(countNewlines(view, from, to), expected)
  }), { numRuns: 500 })
})
