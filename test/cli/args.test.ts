/**
 * The plain command-line reader of src/cli/args.ts gives exactly what node:util parseArgs gives, or
 * leaves the line to it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import fc from 'fast-check'
import { parseCommandArgs, parsePlainArgs } from '../../src/cli/args.js'

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  header: { type: 'string', multiple: true },
  format: { type: 'string' },
  all: { type: 'boolean' },
  verbose: { type: 'boolean', multiple: true },
} satisfies NonNullable<ParseArgsConfig['options']>

const arg = fc.oneof(
  fc.constantFrom('--url', '--token', '--header', '--format', '--all', '--verbose', '-', '--', '--all=1', '--url=x', '-h', '--help', '--unknown', '--constructor', '--__proto__', 'capture.har', 'json', '-x', '', '---url'),
  fc.string({ maxLength: 6 }),
)

function parsedByNode(argv: string[]): unknown {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
    return { values: { ...values }, positionals }
  } catch {
    return 'error'
  }
}

test('a line the plain reader takes reads as parseArgs reads it; parseCommandArgs always does', () => {
  let taken = 0
  fc.assert(fc.property(fc.array(arg, { maxLength: 8 }), (argv) => {
    const plain = parsePlainArgs(argv, OPTIONS)
    const node = parsedByNode(argv)
    if (plain !== undefined) {
      taken++
      assert.deepEqual({ values: { ...plain.values }, positionals: plain.positionals }, node)
    }
    let ours: unknown
    try {
      const parsed = parseCommandArgs(argv, OPTIONS, 'diagnose')
      ours = { values: { ...parsed.values }, positionals: parsed.positionals }
    } catch {
      ours = 'error'
    }
    assert.deepEqual(ours, node)
  }), { numRuns: 5_000 })
  assert.ok(taken > 500, `the plain reader took only ${taken} lines`)
})

test('the common lines are read without parseArgs; odd ones are left to it', () => {
  assert.deepEqual(parsePlainArgs(['a.har', '--format', 'json', '--header', 'A: b', '--header', 'C: d', '--token', '-'], OPTIONS), {
    values: Object.assign(Object.create(null) as object, { format: 'json', header: ['A: b', 'C: d'], token: '-' }),
    positionals: ['a.har'],
  })
  for (const argv of [['--url=x'], ['--', 'a'], ['-h'], ['--url'], ['--url', '--all'], ['--nope']]) assert.equal(parsePlainArgs(argv, OPTIONS), undefined, argv.join(' '))
})
