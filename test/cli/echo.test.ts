import { test } from 'node:test'
import assert from 'node:assert/strict'
import { echoArgument } from '../../src/cli/echo.js'
import { parseFormat, parseNow, parseStatus } from '../../src/cli/args.js'
import { parseRequest } from '../../src/cli/commands/perms.js'

const SECRET = 'FAKE-s3cret-value-0123456789'

test('echoArgument shows short plain values whole and only a four-character prefix of anything else', () => {
  assert.equal(echoArgument('jsn'), '"jsn"')
  assert.equal(echoArgument('markdwn'), '"markdwn"')
  assert.equal(echoArgument(SECRET), `"FAKE…" (${SECRET.length} characters)`)
  assert.equal(echoArgument('a b'), '"a…" (3 characters)', 'a space is not plain: no whole echo')
  assert.equal(echoArgument('"x'), '"…" (2 characters)')
})

test('--format, --now, --status and the perms method never echo more than the safe prefix', () => {
  for (const parse of [parseFormat, parseNow, parseStatus, (value: string) => parseRequest([value, '/me'])]) {
    assert.throws(() => parse(SECRET), (error: Error) => {
      assert.ok(!error.message.includes(SECRET.slice(0, 5)), error.message)
      assert.ok(error.message.includes('"FAKE…"'), error.message)
      return true
    })
  }
})
