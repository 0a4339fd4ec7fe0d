/**
 * scanBytes (four bytes at a time) against the regex it replaces, at every alignment; and JSON lines
 * fed as bytes through createLogFeed (chunks told plain or not, ASCII chunks decoded as Latin-1) give
 * exactly the report of JSON.parse on every line.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { generateRecords } from '../../../bench/log-generator.mjs'
import { buildLogReport, createLogFeed, JsonLinesReader, LogAggregator, scanBytes } from '../../../src/core/logs/index.js'
import { catalogue } from '../rules/helpers.js'

const SPECIAL = /[\\\u0000-\u0009\u000b-\u001f]/
const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes)

describe('scanBytes', () => {
  it('tells plain and ASCII chunks exactly, at any offset in their buffer', () => {
    const byteArb = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, fc.constantFrom(0x0a, 0x5c, 0x00, 0x09, 0x0d, 0x1f, 0x7f, 0x80, 0xc3, 0xa9, 0xff))
    fc.assert(
      fc.property(fc.array(byteArb, { maxLength: 70 }), fc.nat({ max: 7 }), (values, offset) => {
        const buffer = new Uint8Array(values.length + offset)
        buffer.set(values, offset)
        const bytes = buffer.subarray(offset)
        const scanned = scanBytes(bytes)
        assert.equal(scanned.plain, !SPECIAL.test(latin1(bytes)))
        if (scanned.plain) assert.equal(scanned.ascii, values.every((value) => value < 0x80))
      }),
      { numRuns: 5000 },
    )
  })
})

/** Lines fed as bytes in the given chunks through the core's feed (with a Latin-1 decoder, as the CLI passes one). */
function viaFeed(bytes: Uint8Array, cuts: readonly number[]): unknown {
  const aggregator = new LogAggregator({ catalogue: catalogue() })
  aggregator.beginInput('activity.jsonl', 'json-lines')
  const feed = createLogFeed('json-lines', 'activity.jsonl', '', aggregator, { decode: (chunk) => new TextDecoder('latin1').decode(chunk) })
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  ;[0, ...points].forEach((from, index) => feed.push(bytes.subarray(from, points[index] ?? bytes.length)))
  feed.end()
  return buildLogReport(aggregator.state, catalogue())
}

function viaJsonParse(text: string): unknown {
  const aggregator = new LogAggregator({ catalogue: catalogue() })
  aggregator.beginInput('activity.jsonl', 'json-lines')
  const reader = new JsonLinesReader(aggregator, 'activity.jsonl', false)
  reader.push(text)
  reader.end()
  return buildLogReport(aggregator.state, catalogue())
}

describe('createLogFeed of JSON lines: the byte scan changes nothing', () => {
  it('over generated lines with backslashes, control characters and non-ASCII text planted, whatever the chunking', async () => {
    const generated: string[] = []
    for await (const record of generateRecords('activity', 300, 9)) generated.push(JSON.stringify(record))
    const plantArb = fc.tuple(fc.nat({ max: generated.length - 1 }), fc.nat(), fc.constantFrom('\\', '\\u0041', '\\"', '\u0001', '\t', '\r', 'é', '€', '\u0000'))
    fc.assert(
      fc.property(fc.array(plantArb, { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 8 }), (plants, cuts) => {
        const lines = [...generated]
        for (const [index, at, text] of plants) {
          const line = lines[index] ?? ''
          const position = at % (line.length + 1)
          lines[index] = line.slice(0, position) + text + line.slice(position)
        }
        const text = `${lines.join('\n')}\n`
        assert.deepEqual(viaFeed(new TextEncoder().encode(text), cuts), viaJsonParse(text))
      }),
      { numRuns: 30 },
    )
  })
})
