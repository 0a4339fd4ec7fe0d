/**
 * Every regular expression in src/ must run in linear time on any input: recheck (a ReDoS checker that
 * both analyses the automaton and fuzzes) looks at each one. Nine once failed here (one exponential,
 * eight polynomial: body trimming, curl's progress and trailer lines, `$batch` URLs, trailing slashes,
 * the HTTP status line, base64 padding); their rewrites are pinned by behaviour tests beside each parser.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkSync } from 'recheck'
import { sourceRegexes } from './helpers/source-regexes.js'

const regexes = sourceRegexes('src')

test('the scan finds the regular expressions of src/ (literals and RegExp calls)', () => {
  assert.ok(regexes.length > 100, `only ${regexes.length} found: the scan is broken`)
  assert.ok(regexes.some((regex) => regex.where.startsWith('src/core/redact')), 'the redaction patterns are not found')
})

/** `new RegExp` from our own data (escaped directory-role names), not from input. */
const DYNAMIC_FROM_DATA: ReadonlySet<string> = new Set(['src/core/rules/authorization/role-action.ts'])

test('no regular expression in src/ is built from a non-literal (it could not be checked)', () => {
  const dynamic = regexes.filter((regex) => regex.flags === '!dynamic' && !DYNAMIC_FROM_DATA.has(regex.where.replace(/:\d+$/, '')))
  assert.deepEqual(dynamic.map((regex) => regex.where), [])
})

test('every regular expression in src/ is linear (recheck finds no exponential or polynomial case)', () => {
  const failures: string[] = []
  for (const regex of regexes.filter((candidate) => candidate.flags !== '!dynamic')) {
    // No time limits: the verdict depends on step counts only, not on how busy the machine is; "unknown" fails too.
    const result = checkSync(regex.source, regex.flags, { timeout: null, attackTimeout: null, incubationTimeout: null })
    if (result.status === 'safe') continue
    const detail = result.status === 'vulnerable'
      ? `${result.complexity.type}, attack ${JSON.stringify(result.attack.pattern).slice(0, 80)}`
      : `unknown: ${result.error.kind}`
    failures.push(`${regex.where} /${regex.source}/${regex.flags}: ${detail}`)
  }
  assert.deepEqual(failures, [])
})
