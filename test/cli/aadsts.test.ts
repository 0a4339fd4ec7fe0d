import { describe, it } from 'node:test'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { codesInQuery, run } from '../../src/cli/commands/aadsts.js'
import type { CliIo } from '../../src/cli/command.js'
import { isGraphDoctorError } from '../../src/core/errors.js'

interface FakeIo extends CliIo {
  readonly out: () => string
  readonly err: () => string
}

function fakeIo(options: { stdin?: string; isTTY?: boolean; env?: Record<string, string> } = {}): FakeIo {
  let out = ''
  let err = ''
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: async () => options.stdin ?? '',
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: '/tmp',
    out: () => out,
    err: () => err,
  }
}

const MFA_BODY = JSON.stringify({
  error: 'invalid_grant',
  error_description:
    "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2026-11-20 10:00:00Z",
  error_codes: [50076],
  suberror: 'basic_action',
  error_uri: 'https://login.microsoftonline.com/error?code=50076',
})

async function usageError(argv: readonly string[], io: CliIo): Promise<{ code: string; message: string }> {
  try {
    await run(argv, io)
  } catch (error) {
    assert.ok(isGraphDoctorError(error))
    return { code: error.code, message: error.message }
  }
  assert.fail('expected a GraphDoctorError')
}

describe('graph-doctor aadsts', () => {
  it('explains a known code with name, category, finding, fix and lookup URL, and exits 0', async () => {
    const io = fakeIo()
    assert.equal(await run(['AADSTS50076'], io), 0)
    const out = io.out()
    assert.match(out, /^AADSTS50076\n/)
    assert.match(out, /UserStrongAuthClientAuthNRequired/)
    assert.match(out, /Category\s+conditional-access/)
    assert.match(out, /Finding\s+interaction-required/)
    assert.match(out, /acquireTokenInteractive/)
    assert.match(out, /https:\/\/login\.microsoftonline\.com\/error\?code=50076/)
    assert.equal(io.err(), '')
  })

  it('accepts a bare number', async () => {
    const io = fakeIo()
    assert.equal(await run(['7000215'], io), 0)
    assert.match(io.out(), /secret VALUE/)
  })

  it('says plainly that a code is unknown, gives the lookup URL and exits 1', async () => {
    const io = fakeIo()
    assert.equal(await run(['AADSTS99999999'], io), 1)
    assert.match(io.out(), /AADSTS99999999\s+unknown code/)
    assert.match(io.out(), /does not know this code/)
    assert.match(io.out(), /error\?code=99999999/)
  })

  it('prints one block per code in the order given and exits 1 when any is unknown', async () => {
    const io = fakeIo()
    assert.equal(await run(['AADSTS65001', '50076', 'AADSTS123'], io), 1)
    const headings = io.out().split('\n').filter((line) => line.startsWith('AADSTS'))
    assert.deepEqual(headings.map((line) => line.split(/\s+/)[0]), ['AADSTS65001', 'AADSTS50076', 'AADSTS123'])
  })

  it('reads a whole token-endpoint JSON body from stdin with -', async () => {
    const io = fakeIo({ stdin: MFA_BODY })
    assert.equal(await run(['-'], io), 0)
    assert.equal(io.out().split('\n').filter((line) => line.startsWith('AADSTS')).length, 1)
    assert.match(io.out(), /AADSTS50076/)
  })

  it('finds the codes inside an error text given as arguments', async () => {
    const io = fakeIo()
    assert.equal(await run(['MsalServiceException:', 'AADSTS700016:', "Application with identifier 'x' was not found"], io), 0)
    assert.match(io.out(), /UnauthorizedClient_DoesNotMatchRequest/)
  })

  it('writes the JSON contract with --format json', async () => {
    const io = fakeIo()
    assert.equal(await run(['--format', 'json', 'AADSTS7000215', 'AADSTS42'], io), 1)
    const doc = JSON.parse(io.out()) as { version: number; codes: Array<Record<string, unknown>> }
    assert.equal(doc.version, 1)
    assert.deepEqual(Object.keys(doc.codes[0] ?? {}), ['code', 'known', 'category', 'categoryMeaning', 'finding', 'fix', 'url'])
    assert.equal(doc.codes[0]?.['finding'], 'token-request-failed')
    assert.deepEqual(doc.codes[1], { code: 42, known: false, url: 'https://login.microsoftonline.com/error?code=42' })
  })

  it('writes Markdown with a heading per code and escapes angle brackets in fixes', async () => {
    const io = fakeIo()
    assert.equal(await run(['--format', 'markdown', '50059', '65001'], io), 0)
    assert.match(io.out(), /^## AADSTS50059 `MissingTenantRealmAndNoUserInformationProvided`$/m)
    assert.match(io.out(), /^## AADSTS65001 `DelegationDoesNotExist`$/m)
    assert.match(io.out(), /\\<tenant-id>/)
  })

  it('uses colour only on a TTY without NO_COLOR', async () => {
    const tty = fakeIo({ isTTY: true })
    await run(['50076'], tty)
    assert.match(tty.out(), /\u001b\[/)
    const noColour = fakeIo({ isTTY: true, env: { NO_COLOR: '1' } })
    await run(['50076'], noColour)
    assert.doesNotMatch(noColour.out(), /\u001b\[/)
    const pipe = fakeIo()
    await run(['50076'], pipe)
    assert.doesNotMatch(pipe.out(), /\u001b\[/)
  })

  it('throws ERR_USAGE without echoing the input when the argument holds no code', async () => {
    const error = await usageError(['Bearer', 'eyJhbGciOiJub25lIn0.e30.c2ln'], fakeIo())
    assert.equal(error.code, 'ERR_USAGE')
    assert.doesNotMatch(error.message, /eyJ/)
  })

  it('throws ERR_USAGE without an argument and ERR_INPUT_EMPTY for empty stdin', async () => {
    assert.equal((await usageError([], fakeIo())).code, 'ERR_USAGE')
    assert.equal((await usageError(['-'], fakeIo({ stdin: '  \n' }))).code, 'ERR_INPUT_EMPTY')
  })

  it('rejects an unknown --format', async () => {
    assert.equal((await usageError(['--format', 'yaml', '50076'], fakeIo())).code, 'ERR_INVALID_OPTION')
  })
})

describe('codesInQuery', () => {
  it('reads bare codes, with or without the prefix, separated by spaces or commas', () => {
    assert.deepEqual(codesInQuery('50076, AADSTS65001 aadsts50076'), [50076, 65001])
    assert.deepEqual(codesInQuery('AADSTS70011: 50076.'), [70011, 50076])
  })

  it('reads AADSTS codes from text and error_codes from a JSON body whose description was cut', () => {
    assert.deepEqual(codesInQuery('{"error":"invalid_client","error_codes":[7000222, 50012],"error_description":"…"}'), [7000222, 50012])
    assert.deepEqual(codesInQuery(MFA_BODY), [50076])
  })

  it('reads AADSTS followed by a space as one code, as one argument or two', () => {
    assert.deepEqual(codesInQuery('AADSTS 50076'), [50076])
    assert.deepEqual(codesInQuery('AADSTS 50076 AADSTS 65001'), [50076, 65001])
    assert.deepEqual(codesInQuery('Sign-in failed: AADSTS 53003 blocked'), [53003])
  })

  it('ignores plain numbers inside a longer text', () => {
    assert.deepEqual(codesInQuery('HTTP 400 at 10:00, no code here'), [])
  })
})

describe('graph-doctor aadsts through the built CLI', () => {
  const bin = join(process.cwd(), 'dist/bin/graph-doctor.js')
  const aadsts = (args: readonly string[]): { code: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [bin, 'aadsts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  it('takes "AADSTS 50076" as one quoted argument and as two arguments', () => {
    for (const args of [['AADSTS 50076'], ['AADSTS', '50076']]) {
      const run = aadsts(args)
      assert.equal(run.code, 0, run.stderr)
      assert.match(run.stdout, /^AADSTS50076\n/)
      assert.match(run.stdout, /UserStrongAuthClientAuthNRequired/)
    }
  })

  it('explains 53003 as an admin-only Conditional Access block, not an interactive sign-in', () => {
    const run = aadsts(['53003'])
    assert.equal(run.code, 0)
    assert.match(run.stdout, /Finding\s+token-request-failed/)
    assert.match(run.stdout.replace(/\s+/g, ' '), /only an admin can change the policy/)
  })

  it('knows the codes added to the reference page and the ones seen only in responses', () => {
    const run = aadsts(['1002012', '530003', '500113', '7000229', '1003031', '50141', '50142', '50165', '500207', '650059', '901011', '--format', 'json'])
    assert.equal(run.code, 0, run.stdout)
  })
})
