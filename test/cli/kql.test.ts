import { describe, it } from 'node:test'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { buildKqlQuery } from '../../src/core/kql/index.js'

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'bin', 'graph-doctor.js')

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('graph-doctor kql (built binary)', () => {
  it('prints the activity-log query by default', () => {
    const result = cli(['kql'])
    assert.equal(result.status, 0)
    assert.equal(result.stdout, buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '7d' }).text)
    assert.equal(result.stderr, '')
  })

  it('takes --since and --table (case-insensitive, activity and signins)', () => {
    assert.equal(cli(['kql', '--since', '30d', '--table', 'signins']).stdout, buildKqlQuery({ table: 'signins', since: '30d' }).text)
    assert.equal(cli(['kql', '--table', 'aadserviceprincipalsigninlogs']).stdout, buildKqlQuery({ table: 'AADServicePrincipalSignInLogs', since: '7d' }).text)
    assert.equal(cli(['kql', '--table', 'activity', '--since', '24h']).stdout, buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '24h' }).text)
  })

  it('--format json gives the query with its table, window and result columns', () => {
    const result = cli(['kql', '--format', 'json', '--table', 'SigninLogs'])
    assert.equal(result.status, 0)
    const json = JSON.parse(result.stdout) as { version: number; table: string; kind: string; since: string; columns: string[]; query: string }
    assert.equal(json.version, 1)
    assert.equal(json.table, 'SigninLogs')
    assert.equal(json.kind, 'signins')
    assert.equal(json.since, '7d')
    assert.equal(json.columns.at(-4), 'Count')
    assert.equal(json.query, buildKqlQuery({ table: 'SigninLogs', since: '7d' }).text)
  })

  it('refuses a bad table, window, format or argument with one line and exit 2', () => {
    for (const args of [['--table', 'AuditLogs'], ['--since', '1w'], ['--format', 'markdown'], ['extra']]) {
      const result = cli(['kql', ...args])
      assert.equal(result.status, 2, args.join(' '))
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.trim().split('\n').length, 1)
    }
  })

  it('has help with examples, and is listed in the main help', () => {
    const help = cli(['kql', '--help'])
    assert.equal(help.status, 0)
    assert.match(help.stdout, /graph-doctor kql --since 30d --table signins/)
    assert.match(cli(['--help']).stdout, /kql \[--since 7d\]/)
  })
})
