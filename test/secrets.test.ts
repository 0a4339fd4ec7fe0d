/**
 * No output of graph-doctor may hold token material or a secret from a request body: every format of
 * `diagnose` and `token`, over the example capture and every fixture, including error messages.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { findingIds } from '../src/core/catalogue.js'
import { isGraphDoctorError } from '../src/core/errors.js'
import type { CliIo } from '../src/cli/command.js'
import { run as diagnose } from '../src/cli/commands/diagnose.js'
import { run as token } from '../src/cli/commands/token.js'
import { FIXTURE_TIME } from './helpers/tokens.js'

const FORMATS = ['text', 'json', 'markdown'] as const
const NOW = new Date(FIXTURE_TIME * 1000).toISOString()
const SECRET_FIELDS = 'password|newPassword|currentPassword|client_secret|clientSecret|refresh_token|assertion|client_assertion|code'

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => statSync(file).isFile())
    .sort()
}

const inputs = ['examples/failing-calls.har', ...listFiles('test/fixtures')]

/** The file's text and, for JSON, every string inside it (HAR bodies and headers are JSON strings). */
function textsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const texts = [text]
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk)
  }
  try {
    walk(JSON.parse(text))
  } catch {
    // not JSON: the raw text is all there is
  }
  return texts
}

/** Every secret an input holds: JWTs, their signatures, bearer values, secret fields of request bodies. */
function secretsOf(file: string): Set<string> {
  const secrets = new Set<string>()
  const add = (value: string | undefined, minLength: number): void => {
    if (value !== undefined && value.length >= minLength) secrets.add(value)
  }
  for (const text of textsOf(file)) {
    for (const [jwt] of text.matchAll(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g)) {
      const [header = '', payload = '', signature = ''] = jwt.split('.')
      add(jwt, 1)
      add(`${header}.${payload}`, 1)
      add(signature, 16)
    }
    for (const match of text.matchAll(/Authorization:\s*(?:(?:Bearer|PoP)\s+)+([^\s"\\]+)/gi)) add(match[1], 16)
    for (const match of text.matchAll(/^(?:Bearer\s+)+([^\s"\\]+)$/gi)) add(match[1], 16)
    for (const match of text.matchAll(new RegExp(`(?:^|[?&\\s])(?:${SECRET_FIELDS})=([^&\\s"\\\\]+)`, 'g'))) {
      const value = decodeURIComponent((match[1] ?? '').replace(/\+/g, ' '))
      if (!/^\d+$/.test(value)) add(value, 6) // error?code=7000215 in a response is an AADSTS code, not a secret
    }
    for (const match of text.matchAll(new RegExp(`"(?:${SECRET_FIELDS.replace('|code', '')})"\\s*:\\s*"([^"\\\\]{6,})"`, 'g'))) add(match[1], 6)
  }
  return secrets
}

interface Output {
  readonly code: number
  readonly text: string
}

async function runCommand(command: typeof diagnose, argv: readonly string[], stdin = ''): Promise<Output> {
  let text = ''
  const io: CliIo = {
    stdout: (chunk) => void (text += chunk),
    stderr: (chunk) => void (text += chunk),
    readStdin: async () => stdin,
    isTTY: false,
    env: { GRAPH_DOCTOR_CACHE_DIR: join('test', 'no-such-cache') },
    cwd: process.cwd(),
  }
  try {
    return { code: await command(argv, io), text }
  } catch (error) {
    assert.ok(isGraphDoctorError(error), `unexpected error: ${String(error)}`)
    return { code: 2, text: `${text}${error.message}` }
  }
}

function assertNoSecrets(output: string, secrets: Iterable<string>, where: string): void {
  for (const secret of secrets) assert.ok(!output.includes(secret), `${where} prints "${secret.slice(0, 12)}…"`)
}

test('the inputs are there: the example and at least one fixture per finding id, all with secrets to hide', () => {
  assert.ok(existsSync(inputs[0] ?? ''))
  assert.ok(inputs.length > findingIds.length, `only ${inputs.length} inputs`)
  const all = new Set(inputs.flatMap((file) => [...secretsOf(file)]))
  assert.ok([...all].some((secret) => secret.startsWith('eyJ')), 'no JWT found: the scan is broken')
  assert.ok(all.has('FAKE-Passw0rd-!x9') && all.has('FAKE~client~secret~value~1234567890'), 'body secrets of the example are not found: the scan is broken')
})

test('diagnose prints no token, signature or request-body secret in any format, nor in its errors', async () => {
  const usable: string[] = []
  for (const file of inputs) {
    const secrets = secretsOf(file)
    for (const format of FORMATS) {
      const output = await runCommand(diagnose, ['--format', format, file])
      assertNoSecrets(output.text, secrets, `diagnose --format ${format} ${file}`)
      if (format === 'text' && output.code !== 2) usable.push(file)
    }
  }
  assert.ok(usable.includes('examples/failing-calls.har'))
  const secrets = new Set(usable.flatMap((file) => [...secretsOf(file)]))
  for (const format of FORMATS) {
    const output = await runCommand(diagnose, ['--format', format, ...usable])
    assert.notEqual(output.code, 2, output.text.slice(-300))
    assertNoSecrets(output.text, secrets, `diagnose --format ${format} (all inputs)`)
  }
})

test('token prints no whole JWT and no signature in any format, for every JWT of every input', async () => {
  const jwts = new Set(inputs.flatMap((file) => [...secretsOf(file)].filter((secret) => /^eyJ[\w-]+\.[\w-]+\.[\w-]{16,}$/.test(secret))))
  assert.ok(jwts.size > 5)
  for (const jwt of jwts) {
    const secrets = [jwt, jwt.split('.')[2] ?? jwt]
    for (const format of FORMATS) {
      const output = await runCommand(token, ['--format', format, '--now', NOW, jwt])
      assertNoSecrets(output.text, secrets, `token --format ${format}`)
      const fromHeader = await runCommand(token, ['--format', format, '-'], `Authorization: Bearer Bearer ${jwt}`)
      assertNoSecrets(fromHeader.text, secrets, `token --format ${format} (Bearer Bearer)`)
    }
  }
})

test('flags carrying a token, a secret and a password never come back, not even in errors', async () => {
  const jwt = [...secretsOf('examples/failing-calls.har')].find((secret) => /^eyJ[\w-]+\.[\w-]+\.[\w-]{16,}$/.test(secret)) ?? ''
  const requestBody = 'grant_type=client_credentials&client_id=x&client_secret=FAKE~flag~secret~abcdef'
  const secrets = [jwt, jwt.split('.')[2] ?? jwt, 'FAKE~flag~secret~abcdef']
  for (const format of FORMATS) {
    const runs = [
      ['--format', format, '--url', 'https://graph.microsoft.com/v1.0/users', '--status', '403', '--token', jwt],
      ['--format', format, '--method', 'POST', '--url', 'https://login.microsoftonline.com/common/oauth2/v2.0/token', '--status', '401', '--request-body', requestBody],
      ['--format', format, '--url', 'https://graph.microsoft.com/v1.0/me', '--status', 'nope', '--token', jwt],
      ['--format', format, '--url', 'https://graph.microsoft.com/v1.0/me', '--header', `Authorization Bearer ${jwt}`],
    ]
    for (const argv of runs) assertNoSecrets((await runCommand(diagnose, argv)).text, secrets, argv.join(' ').slice(0, 60))
  }
})
