import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { CliIo } from '../../src/cli/command.js'
import { parseRequest, run as perms } from '../../src/cli/commands/perms.js'
import { isGraphDoctorError } from '../../src/core/errors.js'
import { appOnlyClaims, delegatedClaims, fakeSignature, FAKE_APP, FAKE_TENANT, makeJwt } from '../helpers/tokens.js'

function fakeIo(env: Record<string, string>, stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, isTTY: false, env, cwd: process.cwd() }
}

describe('graph-doctor perms', () => {
  let cacheDir: string
  let env: Record<string, string>
  const call = async (argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> => {
    const io = fakeIo(env, stdin)
    const code = await perms(argv, io)
    return { code, out: io.out.join(''), err: io.err.join('') }
  }

  before(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'graph-doctor-perms-'))
    env = { GRAPH_DOCTOR_CACHE_DIR: cacheDir, COLUMNS: '200' }
  })
  after(async () => {
    await rm(cacheDir, { recursive: true, force: true })
  })

  it('shows the template and, per scheme, least and higher privileged permissions like the docs table', async () => {
    const { code, out } = await call(['GET', 'https://graph.microsoft.com/v1.0/users/adele@contoso.example/messages'])
    assert.equal(code, 0)
    assert.match(out, /^GET \/users\/\{id\}\/messages {2}\(matched directly\)/)
    assert.match(out, /Delegated \(work or school account\)\n {2}Least privileged {3}Mail\.ReadBasic\n {2}Higher privileged {2}Mail\.Read, Mail\.ReadWrite/)
    assert.match(out, /Application\n {2}Least privileged {3}Mail\.ReadBasic\.All\n {2}Higher privileged {2}Mail\.Read, Mail\.ReadWrite/)
    assert.match(out, /Mail\.Read +application +admin consent yes +[0-9a-f]{8}-[0-9a-f-]{27}/)
  })

  it('lays the permission table out in columns: one line per permission when it fits, else the GUID on the line below', async () => {
    const table = (out: string): string[] => out.split('\nPermissions\n')[1]?.split('\n\n')[0]?.split('\n').filter((line) => line !== '') ?? []
    const wide = table((await call(['GET', '/users/{id}/messages'])).out)
    assert.equal(wide.length, 6)
    const guidColumns = new Set(wide.map((line) => line.search(/[0-9a-f]{8}-[0-9a-f]{4}-/)))
    assert.equal(guidColumns.size, 1, wide.join('\n'))
    assert.match(wide.find((line) => line.startsWith('  Mail.ReadBasic.All ')) ?? '', /^ {2}Mail\.ReadBasic\.All {2}application {2}admin consent yes {2}693c5e45-/)
    assert.match(wide.find((line) => line.startsWith('  Mail.ReadBasic ')) ?? '', /^ {2}Mail\.ReadBasic {6}delegated {4}admin consent no {3}a4b8392a-/)
    const saved = env
    env = { ...env, COLUMNS: '80' }
    const narrow = table((await call(['GET', '/users/{id}/messages'])).out)
    env = saved
    assert.equal(narrow.length, 12, narrow.join('\n'))
    for (const [index, line] of narrow.entries()) {
      assert.ok(line.length <= 80, line)
      assert.match(line, index % 2 === 0 ? /^ {2}Mail\.\S+ +(?:delegated|application) +admin consent (?:yes|no)$/ : /^ {4}[0-9a-f]{8}-[0-9a-f-]{27}$/)
    }
  })

  it('says "Not supported." for a scheme the endpoint does not accept (a lone path means GET)', async () => {
    const { code, out } = await call(['/me'])
    assert.equal(code, 0)
    assert.match(out, /Application\n {2}Least privileged {3}Not supported\./)
  })

  it('gives the Markdown permission table an "Also requires" column only when a permission has one', async () => {
    const plain = (await call(['GET', '/users', '--format', 'markdown'])).out
    assert.match(plain, /\n\| Permission \| Type \| Admin consent \| GUID \|\n\|---\|---\|---\|---\|\n\| User\.ReadBasic\.All \| Delegated \| no \| `[0-9a-f-]{36}` \|\n/)
    const paired = (await call(['GET', '/applications/{id}/tokenIssuancePolicies', '--format', 'markdown'])).out
    assert.match(paired, /\n\| Permission \| Type \| Admin consent \| GUID \| Also requires \|\n/)
    assert.match(paired, /\| Policy\.Read\.All \| Application \| yes \| `[0-9a-f-]{36}` \| one of Application\.ReadWrite\.(?:All|OwnedBy), Application\.ReadWrite\.(?:All|OwnedBy) \|\n/)
  })

  it('prints the docs table in Markdown and a stable JSON document', async () => {
    const markdown = await call(['GET', '/users', '--format', 'markdown'])
    assert.match(markdown.out, /\| Permission type \| Least privileged permissions \| Higher privileged permissions \|\n\|---\|---\|---\|\n\| Delegated \(work or school account\) \| User\.ReadBasic\.All \|/)
    const json = JSON.parse((await call(['get', '/users', '--format', 'json'])).out) as {
      request: { method: string }
      template: string
      schemes: Record<string, { supported: boolean; leastPrivileged: string[]; higherPrivileged: string[] }>
    }
    assert.equal(json.request.method, 'GET')
    assert.equal(json.template, '/users')
    assert.deepEqual(json.schemes['Application']?.leastPrivileged, ['User.ReadBasic.All'])
    assert.equal(json.schemes['DelegatedPersonal']?.supported, false)
  })

  it('exits 1 with a clear message when no catalogued endpoint matches', async () => {
    const { code, out } = await call(['GET', '/definitely/not/a/graph/api'])
    assert.equal(code, 1)
    assert.match(out, /No endpoint in the Microsoft Graph permission data matches GET \/definitely\/not\/a\/graph\/api/)
  })

  it('shows the API version of the request and claims nothing about the version the data cannot tell (built CLI)', () => {
    const bin = join(process.cwd(), 'dist/bin/graph-doctor.js')
    const cli = (args: readonly string[]): { code: number | null; stdout: string } => {
      const result = spawnSync(process.execPath, [bin, 'perms', ...args], { encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } })
      return { code: result.status, stdout: result.stdout }
    }
    const beta = cli(['GET', 'https://graph.microsoft.com/beta/users'])
    assert.equal(beta.code, 0)
    assert.match(beta.stdout, /\n {2}API version beta \(the permission data covers v1\.0 and beta together and does not say whether this endpoint exists in beta\)\n/)
    assert.doesNotMatch(beta.stdout, /beta-only|v1\.0 only/)
    assert.match(cli(['GET', 'https://graph.microsoft.com/v1.0/users']).stdout, /API version v1\.0 \(/)
    assert.match(cli(['GET', '/users']).stdout, /\n {2}API version not given \(the permission data covers v1\.0 and beta together\)\n/)
    const json = JSON.parse(cli(['GET', 'https://graph.microsoft.com/beta/users', '--format', 'json']).stdout) as { request: { apiVersion: string | null }; apiVersionNote: string }
    assert.equal(json.request.apiVersion, 'beta')
    assert.match(json.apiVersionNote, /does not say whether this endpoint exists in beta/)
    assert.match(cli(['GET', 'https://graph.microsoft.com/beta/users', '--format', 'markdown']).stdout, /API version: `beta` \(/)
    const unmatchedBeta = cli(['GET', 'https://graph.microsoft.com/beta/definitely/not/an/api'])
    assert.equal(unmatchedBeta.code, 1)
    assert.doesNotMatch(unmatchedBeta.stdout, /beta-only|only in beta/)
    assert.match(cli(['GET', 'https://graph.microsoft.com/v1.0/definitely/not/an/api']).stdout, /may exist only in beta/)
  })

  it('answers from the bundled snapshot when the cache is empty, and its JSON says so', async () => {
    const io = fakeIo({ GRAPH_DOCTOR_CACHE_DIR: join(cacheDir, 'empty') })
    assert.equal(await perms(['GET', '/me', '--format', 'json'], io), 0)
    assert.deepEqual(io.err, [], 'no age line with JSON output')
    const json = JSON.parse(io.out.join('')) as { template: string; permissionData: { source: string; date: string; ageDays: number } }
    assert.equal(json.template, '/me')
    assert.equal(json.permissionData.source, 'snapshot')
    assert.match(json.permissionData.date, /^\d{4}-\d{2}-\d{2}$/)
  })

  it('parses METHOD and URL strictly', () => {
    assert.deepEqual(parseRequest(['post', 'me/sendMail']), { method: 'POST', url: '/me/sendMail' })
    assert.deepEqual(parseRequest(['https://graph.microsoft.com/v1.0/me']), { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' })
    assert.throws(() => parseRequest([]), /give a METHOD/)
    assert.throws(() => parseRequest(['GET']), /URL or path after GET/)
    assert.throws(() => parseRequest(['FETCH', '/me']), /not an HTTP method/)
    assert.throws(() => parseRequest(['GET', '/me', 'extra']), /too many arguments/)
  })

  it('shows an endpoint added from the docs with a note naming its source', async () => {
    const { code, out } = await call(['POST', 'https://graph.microsoft.com/v1.0/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/members/$ref'])
    assert.equal(code, 0)
    assert.match(out, /^POST \/groups\/\{id\}\/members\/\$ref {2}\(matched directly\)/)
    assert.match(out, /Application\n {2}Least privileged {3}GroupMember\.ReadWrite\.All\n {2}Higher privileged {2}Directory\.ReadWrite\.All, Group\.ReadWrite\.All/)
    assert.match(out, /note:.*missing from the official permission map.*https:\/\/learn\.microsoft\.com\/graph\/api\/group-post-members/)
    const json = JSON.parse((await call(['POST', '/groups/g/members/$ref', '--format', 'json'])).out) as { notes: string[] }
    assert.ok(json.notes.some((note) => note.includes('group-post-members')))
  })

  describe('a URL on a host other than Microsoft Graph', () => {
    const cases = [
      ['GET', 'https://contoso.sharepoint.com/_api/web', 'contoso.sharepoint.com'],
      ['GET', 'https://outlook.office.com/api/v2.0/me/messages', 'outlook.office.com'],
      ['POST', 'https://login.microsoftonline.com/common/oauth2/v2.0/token', 'login.microsoftonline.com'],
      ['GET', 'contoso.sharepoint.com/_api/web/lists', 'contoso.sharepoint.com'],
    ] as const
    for (const [method, url, host] of cases) {
      it(`rejects ${url} as a usage error naming the host`, async () => {
        assert.throws(
          () => parseRequest([method, url]),
          (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_USAGE' && error.message === `not a Microsoft Graph URL: ${host}`,
        )
        await assert.rejects(perms([method, url], fakeIo(env)), (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_USAGE')
      })
    }

    it('still accepts every Graph cloud, a bare Graph host, and paths', () => {
      assert.equal(parseRequest(['GET', 'https://graph.microsoft.us/v1.0/me']).url, 'https://graph.microsoft.us/v1.0/me')
      assert.equal(parseRequest(['GET', 'https://microsoftgraph.chinacloudapi.cn/beta/users']).url, 'https://microsoftgraph.chinacloudapi.cn/beta/users')
      assert.equal(parseRequest(['GET', 'graph.microsoft.com/v1.0/me']).url, 'https://graph.microsoft.com/v1.0/me')
      assert.equal(parseRequest(['GET', '/sites/contoso.sharepoint.com:/sites/hr:/drive']).url, '/sites/contoso.sharepoint.com:/sites/hr:/drive')
    })

    it('exits 2 from the command line with one line on stderr and nothing on stdout', () => {
      const bin = fileURLToPath(new URL('../../dist/bin/graph-doctor.js', import.meta.url))
      const result = spawnSync(process.execPath, [bin, 'perms', 'GET', 'https://contoso.sharepoint.com/_api/web'], {
        env: { ...process.env, ...env, NO_COLOR: '1' },
        encoding: 'utf8',
      })
      assert.equal(result.status, 2)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr, 'graph-doctor: not a Microsoft Graph URL: contoso.sharepoint.com\n')
    })
  })

  describe('with --token', () => {
    it('says a delegated token holding an accepted scope is enough, exit 0, and never prints the token', async () => {
      const token = makeJwt(delegatedClaims({ scp: 'openid profile Mail.Read' }))
      const { code, out } = await call(['GET', '/me/messages', '--token', `Bearer ${token}`])
      assert.equal(code, 0)
      assert.match(out, /✔ enough: the token holds Mail\.Read/)
      assert.ok(!out.includes(token.split('.')[1] ?? '-'), 'no token payload in the output')
      assert.ok(!out.includes(fakeSignature()), 'no signature in the output')
    })

    it('names what an app-only token lacks: least privileged first, admin consent, the URL and the commands', async () => {
      const token = makeJwt(appOnlyClaims({ roles: ['User.Read.All'] }))
      const { code, out } = await call(['GET', `/users/${FAKE_APP}/messages`, '--token', token])
      assert.equal(code, 1)
      assert.match(out, /✖ not enough: the token holds none of the \d+ permissions this endpoint accepts for application/)
      assert.match(out, /Add Mail\.ReadBasic\.All \(application\) \(or any of: Mail\.Read, Mail\.ReadWrite\)/)
      assert.match(out, /Admin consent: needed/)
      assert.ok(out.includes(`https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}`))
      assert.match(out, new RegExp(`az ad app permission add --id ${FAKE_APP} --api 00000003-0000-0000-c000-000000000000 --api-permissions [0-9a-f-]{36}=Role`))
      assert.match(out, /New-MgServicePrincipalAppRoleAssignment/)
    })

    it('reads the token from stdin and tells an app-only token that /me needs a delegated one', async () => {
      const { code, out } = await call(['GET', '/me', '--token', '-', '--format', 'json'], makeJwt(appOnlyClaims()))
      assert.equal(code, 1)
      const json = JSON.parse(out) as { token: { isEnough: boolean; scheme: string; switchTo?: { scheme: string; permission: string } } }
      assert.equal(json.token.isEnough, false)
      assert.equal(json.token.scheme, 'Application')
      assert.equal(json.token.switchTo?.scheme, 'DelegatedWork')
      assert.equal(json.token.switchTo?.permission, 'User.Read')
    })

    it('rejects something that is not a token with one line, without echoing it', async () => {
      const io = fakeIo(env)
      await assert.rejects(perms(['GET', '/me', '--token', 'not-a-jwt-secret-value'], io), (error: unknown) => {
        assert.ok(isGraphDoctorError(error))
        assert.equal(error.code, 'ERR_INPUT_FORMAT')
        assert.doesNotMatch(error.message, /secret-value/)
        return true
      })
    })
  })
})
