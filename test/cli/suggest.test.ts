import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { closestWord } from '../../src/cli/suggest.js'

const COMMANDS = ['diagnose', 'token', 'aadsts', 'perms', 'data', 'proxy', 'kql', 'logs', 'merge', 'web', '--version']
const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')

describe('did you mean', () => {
  it('finds the word a typo, a swap or a prefix came from', () => {
    assert.equal(closestWord('diagnos', COMMANDS), 'diagnose')
    assert.equal(closestWord('tokn', COMMANDS), 'token')
    assert.equal(closestWord('Perm', COMMANDS), 'perms')
    assert.equal(closestWord('version', COMMANDS), '--version')
    assert.equal(closestWord('--fromat', ['--format', '--now', '--all']), '--format')
  })

  it('suggests nothing for a word that is not close (near miss)', () => {
    assert.equal(closestWord('xyz', COMMANDS), undefined)
    assert.equal(closestWord('eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9', COMMANDS), undefined)
    assert.equal(closestWord('d', COMMANDS), undefined)
  })

  it('is said by the built binary for a command and an option, never echoing an unknown long value', () => {
    const command = spawnSync(process.execPath, [BIN, 'diagnos'], { encoding: 'utf8' })
    assert.equal(command.status, 2)
    assert.match(command.stderr, /unknown command "diagnos"; did you mean diagnose\?/)
    const option = spawnSync(process.execPath, [BIN, 'diagnose', '--fromat', 'json', 'x.har'], { encoding: 'utf8' })
    assert.equal(option.status, 2)
    assert.match(option.stderr, /unknown option --fromat; did you mean --format\?/)
  })
})
