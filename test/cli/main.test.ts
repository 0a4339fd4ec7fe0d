import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The bin's code cache loader, loaded before a command file where Node has no compile cache of its own (Node 20 and 22.0; main.ts enables Node's on 22.1+). */
const CODE_CACHE_LOADER: readonly string[] = typeof (nodeModule as unknown as Record<string, unknown>)['enableCompileCache'] === 'function' ? [] : ['bin/chunks/code-cache.cjs']

const BIN = 'dist/bin/graph-doctor.js'

function cli(args: readonly string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const COMMANDS = ['diagnose', 'token', 'aadsts', 'perms', 'data', 'proxy', 'kql', 'web']

test('the built bin starts with a node shebang', () => {
  assert.equal(readFileSync(BIN, 'utf8').split('\n')[0], '#!/usr/bin/env node')
})

test('--help and -h print the overall help with every command and examples, exit 0', () => {
  for (const flag of ['--help', '-h']) {
    const { code, stdout, stderr } = cli([flag])
    assert.equal(code, 0)
    assert.equal(stderr, '')
    assert.match(stdout, /^Usage: graph-doctor <command> \[options\]/)
    for (const name of COMMANDS) assert.match(stdout, new RegExp(`\\n  ${name} `), name)
    assert.match(stdout, /Examples:\n  graph-doctor diagnose capture\.har/)
    assert.match(stdout, /Exit codes: 0 no error findings, 1 error findings, 2 unusable input or usage\./)
  }
})

test('--version and -v print the package version, exit 0', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  assert.deepEqual(cli(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' })
  assert.equal(cli(['-v']).stdout, `${version}\n`)
})

test('no command prints the help on stderr and exits 2', () => {
  const { code, stdout, stderr } = cli([])
  assert.equal(code, 2)
  assert.equal(stdout, '')
  assert.match(stderr, /^Usage: graph-doctor <command>/)
})

test('an unknown command or option gives one error line naming the commands, exit 2, no stack', () => {
  const commands = 'commands: diagnose, token, aadsts, perms, data, proxy, kql, logs, merge, web (graph-doctor --help for more)'
  for (const [args, expected] of [
    [['diagnos'], `graph-doctor: unknown command "diagnos"; did you mean diagnose?; ${commands}`],
    [['--verbose'], `graph-doctor: unknown option --verbose; ${commands}`],
    [['--client-secret=FAKE-s3cret'], `graph-doctor: unknown option "--cl…" (27 characters); ${commands}`],
    [['hunter2-is-my-password'], `graph-doctor: unknown command "hunt…" (22 characters); ${commands}`],
  ] as const) {
    const { code, stdout, stderr } = cli(args)
    assert.equal(code, 2)
    assert.equal(stdout, '')
    assert.equal(stderr, `${expected}\n`)
  }
})

test('each command has its own help with usage and examples, via --help, -h or "help <command>"', () => {
  for (const name of COMMANDS) {
    const { code, stdout } = cli([name, '--help'])
    assert.equal(code, 0, name)
    assert.match(stdout, new RegExp(`graph-doctor ${name}`), name)
    assert.ok(stdout.endsWith('\n'), name)
  }
  const diagnoseHelp = cli(['diagnose', '-h']).stdout
  assert.match(diagnoseHelp, /^Usage: graph-doctor diagnose \[FILE\.\.\.\] \[options\]\n/)
  for (const flag of ['--method', '--url', '--status', '--token', '--header', '--body', '--request-body', '--format', '--now', '--permissions']) {
    assert.match(diagnoseHelp, new RegExp(`\\n  ${flag} `), flag)
  }
  assert.match(diagnoseHelp, /\nExamples:\n  graph-doctor diagnose /)
  assert.match(cli(['help', 'token']).stdout, /^Usage: graph-doctor token <jwt\|FILE\|->/)
  assert.match(cli(['help']).stdout, /^Usage: graph-doctor <command>/)
})

test('no help text is cut by the output redaction, and every --permissions default names the bundled snapshot', () => {
  // help passes the same redaction as every output: an example such as -H "Authorization: Bearer $TOKEN" would print as [redacted, …]
  for (const name of [...COMMANDS, 'logs', 'merge']) {
    const { stdout } = cli([name, '--help'])
    assert.doesNotMatch(stdout, /\[redacted/, name)
    const permissions = /\n  --permissions FILE\|DIR +([^\n]*(?:\n {10,}[^\n]*)*)/.exec(stdout)?.[1]?.replace(/\s+/g, ' ')
    if (permissions !== undefined && name !== 'merge') assert.match(permissions, /GRAPH_DOCTOR_PERMISSIONS.*data update.*bundled snapshot/, name)
  }
  assert.match(cli(['web', '--help']).stdout.replace(/\s+/g, ' '), /dist\/web\/graph-doctor\.html inside the installed graph-doctor package/, 'a path relative to the package, not to where the user stands')
  assert.match(cli(['diagnose', '--help']).stdout, /curl -sv --oauth2-bearer "\$TOKEN" https:\/\/graph\.microsoft\.com\/v1\.0\/me 2>&1 \| graph-doctor diagnose -\n/)
})

test('help after "--" is an argument, not a request for help', () => {
  const { code, stderr } = cli(['token', '--', '--help'])
  assert.equal(code, 2)
  assert.match(stderr, /^graph-doctor: token: /)
})

test('a usage error inside a command is one line naming the fix, exit 2, no stack', () => {
  const { code, stdout, stderr } = cli(['diagnose', '--frmat', 'json', 'x.har'])
  assert.equal(code, 2)
  assert.equal(stdout, '')
  assert.equal(stderr, 'graph-doctor: unknown option --frmat; did you mean --format? (see graph-doctor diagnose --help)\n')
})

/**
 * Runs `script` with a preloaded probe that lists, on exit, every file of dist/ that was loaded (the
 * bin and its command files are CommonJS: require.cache) and whether Node loaded the internal modules
 * that load an ES module (a module job, the translators; Node 22+ holds them in its start-up snapshot:
 * compare with an empty script).
 */
function loadedModules(script: string, args: readonly string[]): { files: string[]; esmModules: string[]; stderr: string } {
  const probe = `process.on('exit', () => {
    for (const file of Object.keys(require.cache)) if (file.includes('/dist/')) process.stderr.write('LOAD ' + file + '\\n')
    for (const name of process.moduleLoadList) if (/internal\\/modules\\/esm\\/(module_job|translators)$/.test(name)) process.stderr.write('ESM ' + name + '\\n')
  })`
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-probe-'))
  const probeFile = join(dir, 'probe.cjs')
  writeFileSync(probeFile, probe)
  const result = spawnSync(process.execPath, ['--require', probeFile, script, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const lines = result.stderr.split('\n')
  const files = lines.filter((line) => line.startsWith('LOAD ')).map((line) => line.replace(/^.*\/dist\//, ''))
  return { files, esmModules: lines.filter((line) => line.startsWith('ESM ')), stderr: result.stderr }
}

function loadedFiles(args: readonly string[]): { files: string[]; esmModules: string[]; stderr: string } {
  return loadedModules(BIN, args)
}

test('--help, --version and a command\'s help load no command, core or render module (start-up stays lean)', () => {
  for (const arg of ['--help', '--version', 'diagnose --help', 'token -h']) {
    const { files, stderr } = loadedFiles(arg.split(' '))
    const command = arg.split(' ')[1] === undefined ? undefined : arg.split(' ')[0]
    assert.deepEqual(files, ['bin/graph-doctor.js', ...(command === undefined ? [] : [`bin/chunks/help-${command}.cjs`])], `${arg}: ${stderr}`)
    // The bin carries the output-boundary redaction (every write passes through it, about 12 KB), the
    // CommonJS interop helpers and the writes with writeSync; each command's help text is a file of its
    // own (1.7 to 3.7 KB), read only for that help. The limits guard against a command chunk, the help
    // texts or a library slipping into the bin (33 KB since the did-you-mean and stdin checks joined the bin).
    assert.ok(statSync(`dist/${files[0] ?? ''}`).size < 33_000, `the bin has ${statSync(`dist/${files[0] ?? ''}`).size} bytes`)
    const loadedBytes = files.reduce((sum, file) => sum + statSync(`dist/${file}`).size, 0)
    assert.ok(loadedBytes < 37_000, `${arg} loaded ${loadedBytes} bytes: ${files.join(' ')}`)
  }
})

test('a diagnose loads the bin, the code cache loader and its one command file, without starting the ES module loader', () => {
  const { files, esmModules, stderr } = loadedFiles(['diagnose', 'test/fixtures/findings/permission-missing/hit.http'])
  assert.equal(files.length, 2 + CODE_CACHE_LOADER.length, stderr)
  assert.equal(files[0], 'bin/graph-doctor.js')
  assert.deepEqual(files.slice(1, -1), CODE_CACHE_LOADER)
  assert.match(files.at(-1) ?? '', /^bin\/chunks\/diagnose-[A-Z0-9]+\.cjs$/)
  const empty = join(mkdtempSync(join(tmpdir(), 'graph-doctor-empty-')), 'empty.cjs')
  writeFileSync(empty, '')
  const bare = new Set(loadedModules(empty, []).esmModules)
  assert.deepEqual(esmModules.filter((name) => !bare.has(name)), [], 'the ES module loader started')
})

test('the AADSTS tables are loaded only for an answer that names a code: chunks/aadsts-data.cjs, through its stub', () => {
  const graph403 = loadedFiles(['diagnose', 'test/fixtures/findings/permission-missing/hit.http'])
  assert.ok(!graph403.files.some((file) => file.includes('aadsts-data')), graph403.stderr)
  const aadsts = loadedFiles(['diagnose', ...readdirSync('test/fixtures/findings/interaction-required').filter((name) => name.startsWith('hit')).map((name) => `test/fixtures/findings/interaction-required/${name}`)])
  assert.deepEqual(aadsts.files.slice(1).map((file) => file.replace(/-[A-Z0-9]+\.cjs$/, '.cjs')), [...CODE_CACHE_LOADER, 'bin/chunks/diagnose.cjs', 'bin/chunks/aadsts-data.cjs'], aadsts.stderr)
  const explained = cli(['aadsts', 'AADSTS50076'])
  assert.equal(explained.code, 0)
  assert.match(explained.stdout, /UserStrongAuthClientAuthNRequired/)
})
