import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { withFindingsTable } from '../scripts/update-readme.js'
import { findingIds } from '../src/core/catalogue.js'

const readme = readFileSync('README.md', 'utf8')

test('README finding table is generated from the current catalogue', () => {
  assert.equal(readme, withFindingsTable(readme), 'run: node --import tsx scripts/update-readme.ts')
  for (const id of findingIds) assert.ok(readme.includes(`\`${id}\``), `${id} missing from README`)
})

test('README quick start has exactly two set-up commands, and CI runs the test one', () => {
  const quickStart = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? ''
  const block = quickStart.match(/```(?:sh|bash)\n([\s\S]*?)```/)?.[1] ?? ''
  const commands = block.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
  assert.deepEqual(commands, ['npm start', 'npm test'])
  assert.match(readFileSync('.ci/run', 'utf8'), /^npm test$/m)
})
