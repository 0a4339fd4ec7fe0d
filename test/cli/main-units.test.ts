import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { isGraphDoctorError } from '../../src/core/errors.js'
import type { Diagnosis, Finding, Severity } from '../../src/core/types.js'
import { parseCommandArgs, parseFormat, parseNow, parseStatus, stringListOption, stringOption } from '../../src/cli/args.js'
import { hasErrorFinding } from '../../src/render/diagnosis/writer.js'
import { decodeInputBytes, shouldUseColour } from '../../src/cli/io.js'
import { readInputText } from '../../src/cli/input-source.js'
import type { CliIo } from '../../src/cli/command.js'

function fakeIo(overrides: Partial<CliIo> = {}): CliIo {
  return { stdout: () => {}, stderr: () => {}, readStdin: async () => '', isTTY: false, env: {}, cwd: process.cwd(), ...overrides }
}

function finding(severity: Severity): Finding {
  return { id: 'permission-missing', severity, title: 't', detail: '', evidence: [], fix: [], links: [] }
}

function diagnosisWith(...severities: Severity[][]): Diagnosis {
  return {
    results: severities.map((list, index) => ({
      source: `capture.har#${index + 1}`,
      request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' },
      status: 403,
      judgedAt: '2026-11-20T10:00:00.000Z',
      findings: list.map(finding),
    })),
  }
}

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action()
  } catch (error) {
    assert.ok(isGraphDoctorError(error), `expected a GraphDoctorError, got ${String(error)}`)
    return { code: error.code, message: error.message }
  }
  assert.fail('expected an error')
}

test('hasErrorFinding (what makes diagnose exit 1) is true only for a result with an error finding', () => {
  assert.deepEqual(diagnosisWith([], ['warning', 'info']).results.map(hasErrorFinding), [false, false])
  assert.deepEqual(diagnosisWith(['info'], ['warning', 'error']).results.map(hasErrorFinding), [false, true])
})

test('parseFormat accepts text, json and markdown in any case and rejects anything else with ERR_INVALID_OPTION', () => {
  assert.equal(parseFormat(undefined), 'text')
  assert.equal(parseFormat('JSON'), 'json')
  assert.equal(parseFormat('markdown'), 'markdown')
  const error = errorOf(() => parseFormat('yaml'))
  assert.equal(error.code, 'ERR_INVALID_OPTION')
  assert.match(error.message, /--format must be one of text, json, markdown/)
})

test('parseNow reads ISO times and dates, and rejects other date strings', () => {
  assert.equal(parseNow('2026-11-20T10:00:00Z')?.toISOString(), '2026-11-20T10:00:00.000Z')
  assert.equal(parseNow('2026-11-20')?.toISOString(), '2026-11-20T00:00:00.000Z')
  assert.equal(parseNow('2026-11-20T11:00:00+01:00')?.toISOString(), '2026-11-20T10:00:00.000Z')
  assert.equal(parseNow(undefined), undefined)
  for (const bad of ['yesterday', 'Fri, 20 Nov 2026 10:00:00 GMT', '2026-13-45']) {
    assert.equal(errorOf(() => parseNow(bad)).code, 'ERR_INVALID_OPTION', bad)
  }
})

test('parseStatus accepts three-digit HTTP codes only', () => {
  assert.equal(parseStatus('403'), 403)
  assert.equal(parseStatus(undefined), undefined)
  for (const bad of ['42', '600', 'forbidden', '4030']) assert.equal(errorOf(() => parseStatus(bad)).code, 'ERR_INVALID_OPTION', bad)
})

test('parseCommandArgs turns an unknown option into one ERR_USAGE line that does not echo values', () => {
  const options = { format: { type: 'string' }, header: { type: 'string', multiple: true } } as const
  const error = errorOf(() => parseCommandArgs(['--frmat', 'json'], options, 'diagnose'))
  assert.equal(error.code, 'ERR_USAGE')
  assert.equal(error.message, 'unknown option --frmat; did you mean --format? (see graph-doctor diagnose --help)')
  assert.equal(errorOf(() => parseCommandArgs(['--verbose'], options, 'diagnose')).message, 'unknown option --verbose (see graph-doctor diagnose --help)')
  const missing = errorOf(() => parseCommandArgs(['--format'], options, 'diagnose'))
  assert.match(missing.message, /^option --format needs a value/)
  assert.ok(!missing.message.includes('\n'))
})

test('string options: the last value wins; repeatable options keep every value in order', () => {
  const options = { format: { type: 'string', multiple: true }, header: { type: 'string', multiple: true } } as const
  const args = parseCommandArgs(['--format', 'json', '--header', 'A: 1', '--format', 'text', '--header', 'B: 2', 'file'], options, 'diagnose')
  assert.equal(stringOption(args, 'format'), 'text')
  assert.deepEqual(stringListOption(args, 'header'), ['A: 1', 'B: 2'])
  assert.deepEqual(args.positionals, ['file'])
  assert.equal(stringOption(args, 'missing'), undefined)
})

test('colour only on a TTY, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it unless NO_COLOR is set', () => {
  assert.equal(shouldUseColour(fakeIo({ isTTY: true })), true)
  assert.equal(shouldUseColour(fakeIo({ isTTY: false })), false)
  assert.equal(shouldUseColour(fakeIo({ isTTY: true, env: { NO_COLOR: '1' } })), false)
  assert.equal(shouldUseColour(fakeIo({ isTTY: true, env: { NO_COLOR: '' } })), true)
  assert.equal(shouldUseColour(fakeIo({ isTTY: true, env: { TERM: 'dumb' } })), false)
  assert.equal(shouldUseColour(fakeIo({ isTTY: false, env: { FORCE_COLOR: '1' } })), true)
  assert.equal(shouldUseColour(fakeIo({ isTTY: false, env: { FORCE_COLOR: '0' } })), false)
  assert.equal(shouldUseColour(fakeIo({ isTTY: true, env: { FORCE_COLOR: '1', NO_COLOR: 'yes' } })), false)
})

test('decodeInputBytes reads UTF-8 with or without BOM and UTF-16 with a BOM', () => {
  const encoder = new TextEncoder()
  assert.equal(decodeInputBytes(encoder.encode('HTTP/1.1 403 Forbidden'), 'a'), 'HTTP/1.1 403 Forbidden')
  assert.equal(decodeInputBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('{"a":1}')]), 'a'), '{"a":1}')
  const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'{"log":{}}'].flatMap((char) => [char.charCodeAt(0), 0])])
  assert.equal(decodeInputBytes(utf16, 'a'), '{"log":{}}')
})

test('decodeInputBytes rejects binary data, invalid UTF-8 and empty input, naming the input', () => {
  const binary = errorOf(() => decodeInputBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'shot.png'))
  assert.equal(binary.code, 'ERR_INPUT_FORMAT')
  assert.match(binary.message, /^shot\.png: byte 8: binary data/)
  const latin1 = errorOf(() => decodeInputBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]), 'old.txt'))
  assert.match(latin1.message, /^old\.txt: not valid UTF-8 text at byte 3 /)
  const empty = errorOf(() => decodeInputBytes(new TextEncoder().encode(' \n\t\n'), 'blank.har'))
  assert.equal(empty.code, 'ERR_INPUT_EMPTY')
  assert.equal(empty.message, 'blank.har: the input is empty')
})

test('readInputText names a missing file or a directory in one line; - reads stdin', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-io-'))
  writeFileSync(join(dir, 'call.http'), 'GET /v1.0/me HTTP/1.1\n')
  const io = fakeIo({ cwd: dir, readStdin: async () => 'from stdin' })
  assert.deepEqual(await readInputText('call.http', io), { name: 'call.http', text: 'GET /v1.0/me HTTP/1.1\n' })
  assert.deepEqual(await readInputText('-', io), { name: 'stdin', text: 'from stdin' })
  await assert.rejects(readInputText('nope.har', io), { code: 'ERR_INPUT_UNREADABLE', message: 'nope.har: no such file' })
  await assert.rejects(readInputText('.', io), { code: 'ERR_INPUT_UNREADABLE', message: '.: is a directory, not a file' })
  writeFileSync(join(dir, 'token.txt.gz'), gzipSync('\ufeffeyJ0eXAiOiJKV1QifQ.e30.c2ln\n'))
  assert.deepEqual(await readInputText('token.txt.gz', io), { name: 'token.txt.gz', text: 'eyJ0eXAiOiJKV1QifQ.e30.c2ln\n' }, 'the same reader as diagnose: gzip undone, BOM dropped')
})
