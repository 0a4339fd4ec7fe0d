/**
 * No output of graph-doctor may hold token material or a secret: every command (diagnose, token,
 * aadsts, perms, data, logs, merge, argument errors, unknown commands) runs through the built binary, over the
 * example capture, every fixture and planted secrets in URLs, bodies, headers and arguments. With
 * redaction switched off (redactSecrets returning its input) these tests fail.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findingIds } from '../src/core/catalogue.js'
import { PLANTED, brokenJwts, plantedCurl, plantedHar, plantedSecrets } from './helpers/planted-secrets.js'
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
  readonly stdout: string
}

const BIN = 'dist/bin/graph-doctor.js'
const { GRAPH_DOCTOR_PERMISSIONS: _ignored, ...parentEnv } = process.env


/** Run the built binary; stdout and stderr together, since a secret must leave by neither. */
function runBin(argv: readonly string[], stdin = ''): Promise<Output> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...argv], { env: ENV, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      resolve({ code, text: `${stdout}${stderr}`, stdout })
    })
    child.stdin?.end(stdin)
  })
}

/** Run several argument lists, two at a time (the machine is shared). */
async function runAll(runs: readonly (readonly string[])[], stdin = ''): Promise<Output[]> {
  const results: Output[] = []
  for (let index = 0; index < runs.length; index += 2) {
    results.push(...(await Promise.all(runs.slice(index, index + 2).map((argv) => runBin(argv, stdin)))))
  }
  return results
}

function assertNoSecrets(output: string, secrets: Iterable<string>, where: string): void {
  for (const secret of secrets) assert.ok(!output.includes(secret), `${where} prints "${secret.slice(0, 12)}…"`)
}

const workDir = mkdtempSync(join(tmpdir(), 'graph-doctor-secrets-'))
const plantedFiles = [['planted.har', plantedHar()], ['planted-curl.txt', plantedCurl()]].map(([name = '', text = '']) => {
  const file = join(workDir, name)
  writeFileSync(file, text)
  return file
})
const planted = plantedSecrets()
/** A cache directory of our own: `data update` may create it. */
const ENV = { ...parentEnv, GRAPH_DOCTOR_CACHE_DIR: join(workDir, 'cache'), NO_COLOR: '1' }
after(() => rmSync(workDir, { recursive: true, force: true }))

test('the built binary is there and the inputs hold secrets to hide', () => {
  assert.ok(existsSync(BIN), 'run npm run build first')
  assert.ok(existsSync(inputs[0] ?? ''))
  assert.ok(inputs.length > findingIds.length, `only ${inputs.length} inputs`)
  const all = new Set(inputs.flatMap((file) => [...secretsOf(file)]))
  assert.ok([...all].some((secret) => secret.startsWith('eyJ')), 'no JWT found: the scan is broken')
  assert.ok(all.has('FAKE-Passw0rd-!x9') && all.has('FAKE~client~secret~value~1234567890'), 'body secrets of the example are not found: the scan is broken')
  for (const file of plantedFiles) assert.ok(planted.some((secret) => readFileSync(file, 'utf8').includes(secret)), file)
})

test('diagnose prints no planted secret (URLs, user-info, headers, forms, JSON, $batch, quoted forms, odd JWTs) in any format', async () => {
  const outputs = await runAll(FORMATS.map((format) => ['diagnose', '--format', format, '--now', NOW, ...plantedFiles]))
  for (const [index, output] of outputs.entries()) {
    assert.notEqual(output.code, 2, output.text.slice(-300))
    assert.match(output.text, /Authorization_RequestDenied|insufficient|7000215/i, 'the capture was diagnosed')
    assertNoSecrets(output.text, planted, `diagnose --format ${FORMATS[index] ?? ''} (planted)`)
  }
})

test('diagnose prints no planted secret when calls repeat (remembered results, output templates, wrapped-once findings), in any format', async () => {
  // Each planted entry three times, and the first as a success three times: the diagnoser remembers them
  // and the writers reuse a template or a wrapped block, whose fixed text and values are checked apart.
  const har = JSON.parse(plantedHar()) as { log: { entries: Array<{ response: { status: number; content: { text?: string } } }> } }
  const [first] = har.log.entries
  assert.ok(first !== undefined)
  const healthy = { ...first, response: { ...first.response, status: 200, content: { ...first.response.content, text: '{"value":[]}' } } }
  har.log.entries = [...har.log.entries, ...har.log.entries, ...har.log.entries, healthy, healthy, healthy]
  const file = join(workDir, 'planted-repeated.har')
  writeFileSync(file, JSON.stringify(har, null, 2))
  const runs = FORMATS.flatMap((format) => [['diagnose', '--format', format, '--now', NOW, file], ['diagnose', '--format', format, '--all', file]])
  for (const [index, output] of (await runAll(runs)).entries()) {
    assert.notEqual(output.code, 2, output.text.slice(-300))
    assert.match(output.text, /Authorization_RequestDenied|insufficient|7000215/i, 'the capture was diagnosed')
    assertNoSecrets(output.text, planted, `${(runs[index] ?? []).join(' ')} (planted, repeated)`)
  }
})

test('diagnose prints no token, signature or request-body secret of any fixture, in any format, nor in its errors', async () => {
  const single = await runAll(inputs.map((file) => ['diagnose', file]))
  const usable = inputs.filter((_file, index) => single[index]?.code !== 2)
  for (const [index, output] of single.entries()) assertNoSecrets(output.text, secretsOf(inputs[index] ?? ''), `diagnose ${inputs[index] ?? ''}`)
  assert.ok(usable.includes('examples/failing-calls.har'))
  const secrets = new Set(usable.flatMap((file) => [...secretsOf(file)]))
  const outputs = await runAll(FORMATS.map((format) => ['diagnose', '--format', format, ...usable]))
  for (const [index, output] of outputs.entries()) {
    assert.notEqual(output.code, 2, output.text.slice(-300))
    assertNoSecrets(output.text, secrets, `diagnose --format ${FORMATS[index] ?? ''} (all inputs)`)
  }
})

test('token prints no whole JWT and no signature in any format, from an argument or stdin, odd shapes included', async () => {
  const fixtureJwts = [...new Set(inputs.flatMap((file) => [...secretsOf(file)].filter((secret) => /^eyJ[\w-]+\.[\w-]+\.[\w-]{16,}$/.test(secret))))]
  assert.ok(fixtureJwts.length > 5)
  const jwts = [...fixtureJwts.slice(0, 4), PLANTED.prettyJwt, PLANTED.spacedJwt, PLANTED.emptyHeaderJwt, PLANTED.plainJwt]
  for (const jwt of jwts) {
    const secrets = [jwt, jwt.split('.')[2] ?? jwt]
    const outputs = await runAll(FORMATS.map((format) => ['token', '--format', format, '--now', NOW, jwt]))
    for (const output of outputs) assertNoSecrets(output.text, secrets, `token ${jwt.slice(0, 12)}`)
    const fromStdin = await runBin(['token', '--format', 'json', '-'], `Authorization: Bearer Bearer ${jwt}`)
    assertNoSecrets(fromStdin.text, secrets, 'token - (Bearer Bearer)')
  }
  const { newline, encodedDots } = brokenJwts()
  for (const broken of [newline, encodedDots]) {
    const output = await runBin(['token', '--format', 'text', '-'], broken)
    assertNoSecrets(output.text, [PLANTED.plainJwt, PLANTED.plainJwt.split('.')[2] ?? ''], 'token - (broken JWT)')
  }
})

test('perms prints no token or secret of its URL or --token, in any format', async () => {
  const url = `/me/messages?access_token=${PLANTED.plainJwt}&clientSecret=${PLANTED.clientSecretCamel}&client-secret=${PLANTED.clientSecretKebab}`
  const outputs = await runAll(FORMATS.flatMap((format) => [
    ['perms', '--format', format, 'GET', url],
    ['perms', '--format', format, 'GET', `https://admin:${PLANTED.userInfoPassword}@graph.microsoft.com/v1.0/me`, '--token', PLANTED.prettyJwt],
  ]))
  assert.ok(outputs.some((output) => output.code === 0 && /User\.Read|Mail\.Read/.test(output.text)), 'perms answered')
  for (const output of outputs) assertNoSecrets(output.text, planted, 'perms')
})

test('aadsts prints no secret of the error text it explains, in any format', async () => {
  const text = `AADSTS7000215: Invalid client secret. client_secret=${PLANTED.formSecret}&refreshToken=${PLANTED.refreshToken} Bearer ${PLANTED.plainJwt}`
  const outputs = await runAll(FORMATS.map((format) => ['aadsts', '--format', format, text]))
  assert.ok(outputs.every((output) => output.text.includes('7000215')), 'aadsts answered')
  for (const output of outputs) assertNoSecrets(output.text, planted, 'aadsts')
  assertNoSecrets((await runBin(['aadsts', '-'], text)).text, planted, 'aadsts -')
})

test('logs prints no planted secret of a HAR, an activity log or a sign-in log, in any report format or partial', async () => {
  const activity = join(workDir, 'planted-activity.jsonl')
  const uri = `https://graph.microsoft.com/v1.0/users/${PLANTED.argumentSecret}@contoso.example/messages?access_token=${PLANTED.plainJwt}&clientSecret=${PLANTED.clientSecretCamel}`
  writeFileSync(activity, [
    JSON.stringify({ RequestMethod: 'GET', RequestUri: uri, ResponseStatusCode: 403, AppId: 'app-1', Roles: 'User.Read.All', RequestId: `Bearer ${PLANTED.plainJwt}` }),
    JSON.stringify({ ResultType: '7000215', ResultDescription: `Invalid client secret. client_secret=${PLANTED.formSecret}`, AppId: 'app-1', CorrelationId: PLANTED.prettyJwt }),
    `{"RequestUri": "${PLANTED.plainJwt}"`,
  ].join('\n'))
  const partial = join(workDir, 'planted.partial.json')
  const runs = ['text', 'json', 'markdown', 'csv', 'html'].map((format) => ['logs', '--format', format, '--now', NOW, ...plantedFiles.filter((file) => file.endsWith('.har')), activity])
  const outputs = await runAll([...runs, ['logs', '--partial', partial, activity]])
  for (const [index, output] of outputs.entries()) {
    assert.equal(output.code, 1, output.text.slice(-300))
    assert.match(output.text, /permission-missing|7000215/, 'the logs were read')
    assertNoSecrets(output.text, planted, `logs ${(runs[index] ?? ['', '', 'partial'])[2] ?? ''}`)
  }
  assertNoSecrets(readFileSync(partial, 'utf8'), planted, 'logs --partial FILE')
  assertNoSecrets((await runBin(['merge', '--format', 'json', partial])).text, planted, 'merge')
})

test('data, argument errors and unknown commands never echo a secret pasted into the wrong place', async () => {
  const secret = PLANTED.argumentSecret
  const runs = [
    ['data', '--format', secret, 'status'],
    ['data', 'update', '--from', `http://admin:${PLANTED.userInfoPassword}@127.0.0.1:9/data?clientSecret=${PLANTED.clientSecretCamel}`],
    ['diagnose', '--format', secret, 'x.har'],
    ['diagnose', '--now', secret, 'x.har'],
    ['diagnose', '--url', 'https://graph.microsoft.com/v1.0/me', '--status', secret],
    ['diagnose', '--url', `https://graph.microsoft.com/v1.0/me?clientSecret=${PLANTED.clientSecretCamel}`, '--status', '403', '--token', PLANTED.prettyJwt],
    ['diagnose', '--url', 'https://graph.microsoft.com/v1.0/me', '--header', `Authorization Bearer ${PLANTED.plainJwt}`],
    ['diagnose', `--client-secret=${secret}`],
    ['perms', secret, '/me'],
    ['token', '--format', secret, PLANTED.plainJwt],
    [secret],
    [`--${secret}`],
    [PLANTED.plainJwt],
  ]
  const outputs = await runAll(runs)
  for (const [index, output] of outputs.entries()) {
    assertNoSecrets(output.text, [...planted, secret.slice(0, 8)], (runs[index] ?? []).join(' ').slice(0, 60))
    assert.ok(output.text.trimEnd().split('\n').length <= 40, 'output bounded')
  }
  const usageErrors = outputs.filter((output) => output.code === 2)
  assert.ok(usageErrors.length >= runs.length - 3, `${usageErrors.length} usage errors`)
  for (const index of [10, 11]) assert.equal(outputs[index]?.text.trimEnd().split('\n').length, 1, 'an unknown command is one line')
})

test('a quoted secret in a Graph error message is hidden in every format, and --format json stays JSON', async () => {
  const secret = 'S3cr3tValue99'
  const body = JSON.stringify({ error: { code: 'BadRequest', message: `Invalid value for client_secret="${secret}" and password='hunter2hunter2'` } })
  const file = join(workDir, 'quoted-secret.http')
  writeFileSync(file, `POST https://graph.microsoft.com/v1.0/applications HTTP/1.1\nContent-Type: application/json\n\n{}\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${body}\n`)
  const outputs = await runAll(FORMATS.map((format) => ['diagnose', '--format', format, '--now', NOW, file]))
  for (const [index, output] of outputs.entries()) {
    assert.notEqual(output.code, 2, output.text.slice(-300))
    assert.match(output.text, /client_secret=/, 'the message was printed')
    assertNoSecrets(output.text, [secret, 'hunter2hunter2'], `diagnose --format ${FORMATS[index] ?? ''} (quoted secret)`)
  }
  assert.doesNotThrow(() => JSON.parse(outputs[1]?.stdout ?? ''), 'the JSON output parses')
})
