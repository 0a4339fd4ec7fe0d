/**
 * Three parsers lost a super-linear regex each (issue 8): the hand-written replacements must find what
 * the old expressions found. The old expressions serve as oracles here, on short strings only, where
 * their cost does not matter.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { readMarkupOrText } from '../../../src/core/response/markup.js'
import { parseRequiredPermissionsMessage } from '../../../src/core/response/index.js'
import { codeSpans } from '../../../src/render/diagnosis/fix-parts.js'

const OLD_CODE_SPAN = /(`+)([\s\S]+?)\1/g
const OLD_TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i
const OLD_HEADING = /<h[12][^>]*>([\s\S]*?)<\/h[12]>/i
const OLD_SCRIPTS = /<(script|style)[^>]*>[\s\S]*?<\/\1>/gi
const RUNS = { numRuns: 3000, seed: 8 }

function stringOf(pieces: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''))
}

test('codeSpans finds the spans /(`+)([\\s\\S]+?)\\1/g finds', () => {
  fc.assert(fc.property(stringOf(['`', '``', 'a', ' ', 'az x'], 24), (line) => {
    fc.pre(!line.includes('`'.repeat(9)))
    const expected = [...line.matchAll(OLD_CODE_SPAN)].map((match) => ({ start: match.index, length: match[0].length, code: match[2] }))
    assert.deepEqual(codeSpans(line), expected)
  }), RUNS)
})

test('codeSpans stays linear on long runs of backticks and on many unclosed ones', () => {
  assert.equal(codeSpans(`${'`'.repeat(200_000)}a`).length, 0, 'a run longer than any fence we write opens nothing')
  assert.equal(codeSpans('`a '.repeat(100_000)).length, 50_000)
  assert.equal(codeSpans(`${'``a` '.repeat(100_000)}`).length, 100_000)
})

const oldStripTags = (html: string): string => html.replace(OLD_SCRIPTS, ' ').replace(/<[^<>]+>/g, ' ')

function oldMessage(html: string): string {
  const text = OLD_TITLE.exec(html)?.[1] ?? OLD_HEADING.exec(html)?.[1] ?? oldStripTags(html)
  return oldStripTags(text).replace(/\s+/g, ' ').trim()
}

test('an HTML error page gives the message the old title, heading and script patterns gave', () => {
  const pieces = ['<title>', '</title>', '<TITLE x>', '<h1>', '</h2>', '<H2 class="a">', '</h1>', '<script>', '</script>', '<style a>', '</STYLE>', 'Forbidden', ' ', '<b>', 'x>', '<']
  fc.assert(fc.property(stringOf(pieces, 14), (inner) => {
    const html = `<html>${inner}</html>`
    const expected = oldMessage(html)
    const actual = readMarkupOrText(html)
    assert.equal(actual?.message ?? '', expected.length > 300 ? actual?.message : expected)
  }), RUNS)
})

test('the HTML page readers stay linear on thousands of unclosed tags', () => {
  const html = `<html>${'<title<h1<script <style '.repeat(20_000)}`
  assert.equal(readMarkupOrText(html)?.form, 'html')
})

test('unquoted required-permission lists end where the old patterns ended them', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All - Operation ID (for customer support): 0000 - Activity ID: 1111', ['DeviceManagementApps.Read.All', 'DeviceManagementApps.ReadWrite.All']],
    ['The API requires one of the following permissions: Sites.Read.All, Sites-Extra.ReadWrite.All - see the docs. Other.Name.Here', ['Sites.Read.All', 'Sites-Extra.ReadWrite.All']],
    ['API required roles: Mail.Read, Mail.ReadWrite. Please add them. Not.This.One', ['Mail.Read', 'Mail.ReadWrite']],
    ['API required scopes: Files.Read.All\nnext line Not.This.One', ['Files.Read.All']],
    ['Authorization failed due to missing permission scope RoleManagement.Read.Directory,RoleManagement.ReadWrite.Directory.', ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory']],
  ]
  for (const [message, required] of cases) assert.deepEqual(parseRequiredPermissionsMessage(message)?.required, required, message)
})

test('the required-permission forms stay linear on long runs of spaces, dashes and dots', () => {
  const message = `must have one of the following scopes: A.B ${' -'.repeat(100_000)} ${'. '.repeat(100_000)}`
  assert.deepEqual(parseRequiredPermissionsMessage(message)?.required, ['A.B'])
  assert.deepEqual(parseRequiredPermissionsMessage(`API required roles: X.Y${'. 1'.repeat(100_000)}`)?.required, ['X.Y'])
})
