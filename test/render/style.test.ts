import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ANSI_PATTERN, makeStyle, severityMarker, stripAnsi } from '../../src/render/layout/style.js'

test('makeStyle(false) returns every string unchanged', () => {
  const style = makeStyle(false)
  for (const paint of [style.bold, style.dim, style.red, style.yellow, style.cyan, style.green]) assert.equal(paint('x'), 'x')
})

test('makeStyle(true) wraps text in SGR codes that open and close', () => {
  const style = makeStyle(true)
  assert.equal(style.red('x'), '\u001b[31mx\u001b[39m')
  assert.equal(style.bold('x'), '\u001b[1mx\u001b[22m')
  assert.equal(stripAnsi(style.red(style.bold('nested'))), 'nested')
})

test('severity markers read the same without colour: ✖ error, ▲ warning, ℹ info', () => {
  const plain = makeStyle(false)
  assert.equal(severityMarker('error', plain), '✖ error')
  assert.equal(severityMarker('warning', plain), '▲ warning')
  assert.equal(severityMarker('info', plain), 'ℹ info')
  const coloured = severityMarker('error', makeStyle(true))
  assert.match(coloured, ANSI_PATTERN)
  assert.equal(stripAnsi(coloured), '✖ error')
})
