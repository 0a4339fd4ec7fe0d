/**
 * Output a person can read in their terminal: every text output and every help text, through the built
 * binary, at widths 60, 80 and 120 (COLUMNS), through a pipe (80) and in a pseudo-terminal.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FIXTURE_TIME, delegatedToken } from '../helpers/tokens.js'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const EXAMPLE = join(process.cwd(), 'examples/failing-calls.har')
const NOW = new Date(FIXTURE_TIME * 1000).toISOString()
const emptyCache = mkdtempSync(join(tmpdir(), 'graph-doctor-width-'))

function env(columns: number | undefined): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !['COLUMNS', 'FORCE_COLOR', 'GRAPH_DOCTOR_PERMISSIONS'].includes(key)) result[key] = value
  return { ...result, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: emptyCache, ...(columns === undefined ? {} : { COLUMNS: String(columns) }) }
}

function cli(args: readonly string[], columns?: number): string {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: env(columns), input: '' })
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`)
  return run.stdout
}

/** A line wider than the width must be one unbreakable URL or command (with its indent and label). */
function assertFits(text: string, width: number, what: string): void {
  const lines = text.split('\n')
  assert.ok(lines.length > 3, what)
  for (const line of lines) {
    if ([...line].length <= width) continue
    const words = line.trim().split(/\s+/)
    const last = words.at(-1) ?? ''
    // A long identifier (a GUID, an id) right after its label cannot move to a line of its own.
    const isLabelledIdentifier = last.length >= 20 && [...line].length - last.length <= width && line.trimEnd().endsWith(last)
    const isUnbreakable = words.length === 1 || isLabelledIdentifier || /https?:\/\//.test(line) || /^(?:Usage: | {7})graph-doctor /.test(line) || /^(?:\d+\.\s+)?(?:az |Connect-Mg|\$\w+ = |if \(\$|New-Mg|Get-Mg|const |app\.|[A-Z]\w+-[A-Z]|graph-doctor |curl |pbpaste |auth: |new \w|\.With)/.test(line.trim())
    assert.ok(isUnbreakable, `${what}: line of ${[...line].length} columns at width ${width}:\n${line}`)
  }
}

// The permission data is the bundled snapshot (nothing beside the clone is needed).
const diagnoseArgs = ['diagnose', EXAMPLE, '--all']

for (const width of [60, 80, 120]) {
  test(`diagnose text output fits ${width} columns (COLUMNS=${width}), breaking no URL or command`, () => {
    const text = cli(diagnoseArgs, width)
    assertFits(text, width, 'diagnose')
    assert.ok(text.split('\n').some((line) => [...line].length > width - 12), 'lines use the width they are given')
  })
}

test('through a pipe without COLUMNS, text output wraps at 80 columns', () => {
  const text = cli(diagnoseArgs)
  assert.equal(text, cli(diagnoseArgs, 80))
  assertFits(text, 80, 'diagnose (pipe)')
})

test('the same capture at 60 and 120 columns holds the same words: wrapping changes only the line breaks', () => {
  const words = (text: string): string[] => text.split(/\s+/).filter(Boolean)
  assert.deepEqual(words(cli(diagnoseArgs, 60)), words(cli(diagnoseArgs, 120)))
})

test('a URL stays whole on a line of its own when its paragraph wraps, and commands sit on lines of their own', () => {
  const text = cli(diagnoseArgs, 60)
  assert.match(text, /\n +https:\/\/login\.microsoftonline\.com\/11111111-2222-4333-8444-555555555555\/adminconsent\?client_id=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\)?\.?\n/)
  assert.match(text, /\n +\d+\. Azure CLI:\n +az ad app permission add --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee --api 00000003-0000-0000-c000-000000000000 --api-permissions [0-9a-f-]{36}=Scope\n +az ad app permission grant /)
  assert.match(text, /\n +\d+\. Microsoft Graph PowerShell:\n +Connect-MgGraph -Scopes 'Application\.Read\.All','DelegatedPermissionGrant\.ReadWrite\.All'\n +\$sp = Get-MgServicePrincipal /)
})

test('by default a capture shows its failures, one line for the healthy exchanges and the failures by cause', () => {
  const text = cli(['diagnose', EXAMPLE], 100)
  assert.doesNotMatch(text, /no problems found/)
  assert.match(text, /\n✔ 2 healthy exchanges \(no error or warning\) not shown; --all shows them\.\n\n\d+ failed exchanges by most probable cause:\n +\d+ +permission-missing +The token lacks/)
  assert.match(cli(diagnoseArgs, 100), /no problems found/)
})

test('in a pseudo-terminal, text output wraps to the terminal\'s columns', { skip: !existsSync('/usr/bin/script') && 'no script(1) for a pseudo-terminal' }, () => {
  const command = `stty cols 64 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} diagnose ${JSON.stringify(EXAMPLE)} --all 2>/dev/null` // stderr: the data's age line
  const run = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: env(undefined) })
  const text = run.stdout.replace(/\r/g, '')
  assertFits(text, 64, 'diagnose (pty)')
  assert.ok(text.split('\n').some((line) => [...line].length > 56), 'lines use the 64 columns')
  assert.match(text, /✖ error/)
})


const HELP_ARGS = [['--help'], ['diagnose', '--help'], ['token', '--help'], ['aadsts', '--help'], ['perms', '--help'], ['data', '--help']]

for (const width of [60, 80, 120]) {
  test(`every help text fits ${width} columns, except example command lines, which are never wrapped`, () => {
    for (const args of HELP_ARGS) {
      const text = cli(args, width)
      assert.match(text, /^Usage: graph-doctor /, args.join(' '))
      assertFits(text, width, args.join(' '))
      const examples = text.slice(text.indexOf('\nExamples:\n'))
      assert.match(examples, /\n  graph-doctor \w+[^\n]*\n/, `${args.join(' ')}: examples stay one per line`)
    }
  })
}

test('help through a pipe is laid out for 80 columns, option descriptions hanging under their column', () => {
  const text = cli(['diagnose', '--help'])
  assert.equal(text, cli(['diagnose', '--help'], 80))
  assertFits(text, 80, 'diagnose --help')
  const narrow = cli(['diagnose', '--help'], 60)
  assert.match(narrow, /\n  --header 'Name: value'  a request or response header\n {26}\(repeatable\)/)
  assert.match(narrow, /\n  --format text\|json\|markdown\n {26}output format/, 'an option too long for the column stands on its own line')
})

for (const width of [60, 80, 120]) {
  test(`token, aadsts and perms text output fit ${width} columns`, () => {
    const token = cli(['token', '--now', NOW, delegatedToken()], width)
    assertFits(token, width, 'token')
    const aadsts = cli(['aadsts', 'AADSTS65001', 'AADSTS7000215'], width)
    assertFits(aadsts, width, 'aadsts')
    const perms = cli(['perms', 'GET', '/users', '--token', delegatedToken()], width)
    assert.match(perms, /GET \/users/)
    assertFits(perms, width, 'perms')
    const unmatched = cli(['perms', 'GET', '/no/such/endpoint/anywhere'], width)
    assert.match(unmatched, /^No endpoint in the Microsoft Graph permission data matches/)
    assert.ok(unmatched.split('\n').every((line) => [...line].length <= width), unmatched)
    const status = cli(['data', 'status'], width)
    assert.match(status, /^In use: /)
    assertFits(`${status}\n\n\n`, width, 'data status')
  })
}
