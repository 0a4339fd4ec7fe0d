/**
 * The packed package as a user gets it (run `npm run build` first): `npm pack`, installed offline into an
 * empty prefix, run from another folder with an empty home: it names the permission from its snapshot.
 * Its runtime dependencies are packed from node_modules beside it, as an offline mirror would hold them:
 * `npm ci` caches their tarballs but not the registry documents a range like `^7.30.2` is resolved from,
 * so on a fresh machine `--offline` alone cannot install them.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { delegatedToken, FIXTURE_TIME } from '../helpers/tokens.js'

const work = mkdtempSync(join(tmpdir(), 'graph-doctor-package-'))

function npm(args: readonly string[], cwd: string): string {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

describe('the packed package, installed into an empty prefix', () => {
  after(() => rmSync(work, { recursive: true, force: true }))

  it('ships the snapshot and, offline with nothing else, diagnose names the least-privileged permission', () => {
    npm(['pack', '--pack-destination', work], process.cwd())
    const [tarball] = readdirSync(work).filter((name) => name.endsWith('.tgz'))
    assert.ok(tarball !== undefined)
    const prefix = join(work, 'prefix')
    mkdirSync(prefix)
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> }
    const dependencies = Object.keys(manifest.dependencies ?? {}).map((name) => join(process.cwd(), 'node_modules', name))
    const before = new Set(readdirSync(work))
    if (dependencies.length > 0) npm(['pack', '--ignore-scripts', '--pack-destination', work, ...dependencies], process.cwd())
    const dependencyTarballs = readdirSync(work).filter((name) => name.endsWith('.tgz') && !before.has(name))
    npm(['install', '--offline', '--prefix', prefix, join(work, tarball), ...dependencyTarballs.map((name) => join(work, name))], work)
    const home = join(work, 'home')
    const elsewhere = join(work, 'elsewhere')
    mkdirSync(home)
    mkdirSync(elsewhere)
    const env: Record<string, string | undefined> = { ...process.env, HOME: home, NO_COLOR: '1' }
    for (const name of ['GRAPH_DOCTOR_PERMISSIONS', 'GRAPH_DOCTOR_CACHE_DIR', 'XDG_CACHE_HOME']) delete env[name]
    const body = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
    const args = ['diagnose', '--url', 'https://graph.microsoft.com/v1.0/users', '--status', '403', '--token', delegatedToken(), '--body', body, '--now', new Date(FIXTURE_TIME * 1000).toISOString(), '--format', 'json']
    const bin = join(prefix, 'node_modules', '.bin', 'graph-doctor')
    const result = spawnSync(bin, args, { cwd: elsewhere, env, encoding: 'utf8' })
    assert.equal(result.status, 1, result.stderr)
    const document = JSON.parse(result.stdout) as { results: { findings: { id: string; permission?: { leastPrivileged: string } }[] }[]; permissionData: { source: string } }
    const finding = document.results[0]?.findings.find((item) => item.id === 'permission-missing')
    assert.equal(finding?.permission?.leastPrivileged, 'User.ReadBasic.All')
    assert.equal(document.permissionData.source, 'snapshot')
    // the one thing a diagnose writes is its code cache (Node 20; src/cli/bin/code-cache.ts), inside graph-doctor's cache folder
    const written = readdirSync(home, { recursive: true }).map(String)
    assert.deepEqual(written.filter((path) => !/^\.cache(\/graph-doctor(\/code(\/diagnose-[A-Z0-9]+\.[^/]+\.cache)?)?)?$/.test(path)), [], 'nothing else written to the home folder')
    const bareHome = join(work, 'bare-home')
    mkdirSync(bareHome)
    const again = spawnSync(bin, args, { cwd: elsewhere, env: { ...env, HOME: bareHome, GRAPH_DOCTOR_CODE_CACHE: '0' }, encoding: 'utf8' })
    assert.equal(again.stdout, result.stdout)
    assert.deepEqual(readdirSync(bareHome), [], 'GRAPH_DOCTOR_CODE_CACHE=0: nothing written to the home folder')
  })

  it('runs the README\'s first Library API example as written, against the installed package and its snapshot', () => {
    const readme = readFileSync('README.md', 'utf8')
    const example = /## Library API\n[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1]
    assert.ok(example !== undefined, 'README: a js example under "## Library API"')
    const consumer = join(work, 'prefix', 'consumer')
    mkdirSync(consumer)
    writeFileSync(join(consumer, 'example.mjs'), example)
    const body = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
    const transcript = ['> GET /v1.0/users HTTP/2', '> Host: graph.microsoft.com', `> Authorization: Bearer ${delegatedToken()}`, '>', '< HTTP/2 403', '< content-type: application/json', '< date: Fri, 20 Nov 2026 10:00:00 GMT', '<', body, ''].join('\n')
    writeFileSync(join(consumer, 'curl-verbose.txt'), transcript)
    const result = spawnSync(process.execPath, ['example.mjs'], { cwd: consumer, env: { ...process.env, NODE_PATH: '' }, encoding: 'utf8' })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /^User\.ReadBasic\.All\n/)
    assert.match(result.stdout, /permission-missing/)
  })
})

/** `>=20.18.1` as [20, 18, 1]; a range of another shape is not compared (none of ours has one). */
function minimumOf(range: string | undefined): number[] | undefined {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range?.trim() ?? '')
  return match === null ? undefined : [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)]
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (const [index, part] of minimum.entries()) {
    const own = version[index] ?? 0
    if (own !== part) return own > part
  }
  return true
}

describe('the Node.js version graph-doctor asks for', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> }
  const ours = minimumOf(manifest.engines.node)

  it('is at least what every runtime dependency asks for', () => {
    assert.ok(ours !== undefined, `engines.node ${manifest.engines.node} is not a >= range`)
    for (const name of Object.keys(manifest.dependencies)) {
      const dependency = JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { engines?: { node?: string } }
      const theirs = minimumOf(dependency.engines?.node)
      if (theirs !== undefined) assert.ok(atLeast(ours, theirs), `${name} needs Node.js ${theirs.join('.')}, engines.node says ${manifest.engines.node}`)
    }
  })

  it('is the one the README states', () => {
    const stated = [...readFileSync('README.md', 'utf8').matchAll(/Node\.js (\d+(?:\.\d+)*) or later/g)].map((match) => match[1])
    assert.ok(stated.length > 0, 'the README states a Node.js version')
    for (const version of stated) assert.equal(`>=${version ?? ''}`, manifest.engines.node)
  })
})
