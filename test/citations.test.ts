/** What graph-doctor prints cites public sources only, never the project's internal notes. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const INTERNAL = /[\w-]+\.md\s*§|§\s*\d|shared\/reference|errors-and-tokens|permissions-data|seed article/i

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** The code without its comments: what can reach a user is in the strings that remain. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
}

test('no string in src cites an internal document (permissions-data.md §4 and the like)', () => {
  const offenders = sourceFiles('src').flatMap((file) =>
    withoutComments(readFileSync(file, 'utf8'))
      .split('\n')
      .filter((line) => INTERNAL.test(line))
      .map((line) => `${file}: ${line.trim()}`),
  )
  assert.deepEqual(offenders, [])
})

test('the scan finds such a citation when one is there', () => {
  assert.match(withoutComments("const note = 'answered from /users/{id} (permissions-data.md §1.5)'"), INTERNAL)
  assert.doesNotMatch(withoutComments('/** see permissions-data.md §7 */\nconst x = 1'), INTERNAL)
})
