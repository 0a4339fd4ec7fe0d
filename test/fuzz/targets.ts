/**
 * One fuzz target per parser: an input generator with a planted secret, and a check that the parser
 * (and every renderer over its result) neither throws anything but GraphDoctorError nor prints the
 * secret. Shared by the short fixed-seed run in `npm test` (test/fuzz.test.ts) and `npm run fuzz`.
 */
import fc from 'fast-check'
import { extractAadstsCodes, lookupAadsts, aadstsFindingFor } from '../../src/core/aadsts.js'
import { diagnose } from '../../src/core/diagnose.js'
import { isGraphDoctorError } from '../../src/core/errors.js'
import { parseInput } from '../../src/core/input/index.js'
import { redactBody, redactSecrets } from '../../src/core/redact.js'
import { decodeClaimsChallenge, findClaimsChallenge, parseGraphError, parseJsonBody, parseTokenEndpointError, parseWwwAuthenticate } from '../../src/core/response/index.js'
import { classifyUrl } from '../../src/core/target-classify.js'
import { analyseToken, explainClaims, judgeTokenTime, summarizeToken } from '../../src/core/token/index.js'
import { renderJson } from '../../src/render/diagnosis/json.js'
import { renderMarkdown } from '../../src/render/diagnosis/markdown.js'
import { renderText } from '../../src/render/diagnosis/text.js'
import { assertNoPlanted, plantedArbitrary, type Planted } from './secrets.js'

export interface FuzzTarget {
  readonly name: string
  readonly arbitrary: fc.Arbitrary<FuzzCase>
  /** Throws on a defect: an unexpected exception or a printed secret. */
  readonly check: (input: FuzzCase) => void
}

export interface FuzzCase {
  readonly text: string
  readonly planted: Planted
}

const NOW = new Date(Date.UTC(2026, 10, 20, 10))

/** Text that breaks parsers: control characters, quotes, brackets, huge numbers, unicode, lone surrogates. */
const noise = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\n', '\r\n', '\t', '"', '\\', '{', '}', '[', ']', ':', ',', '=', '&', '?', '#', '%', '%2E', '.', '\u0000', '\ud800', '\u2028', 'null', 'true', '1e309', '-0', '9007199254740993', '[[[[[[', '{"a":{"b":'),
)

function withNoise(parts: fc.Arbitrary<string[]>): fc.Arbitrary<string[]> {
  return fc.tuple(parts, fc.array(fc.tuple(fc.nat(), noise), { maxLength: 4 })).map(([items, inserts]) => {
    const out = [...items]
    for (const [at, text] of inserts) out.splice(at % (out.length + 1), 0, text)
    return out
  })
}

/** One case in this many goes through diagnose and the three renderers (the rest: parsing only), so a long run stays affordable. */
const RENDER_EVERY = 8

/**
 * Parse, and for one case in {@link RENDER_EVERY} diagnose and render in every format; only
 * GraphDoctorError may escape, and no error message or rendering holds the secret.
 */
function throughPipeline(text: string, name: string, planted: Planted): void {
  let exchanges
  try {
    exchanges = parseInput(text, name)
  } catch (error) {
    if (!isGraphDoctorError(error)) throw error
    assertNoPlanted(redactSecrets(error.message), planted, `${name} error`)
    return
  }
  if (planted.secret.charCodeAt(5) % RENDER_EVERY !== 0 && !process.env['FUZZ_RENDER_ALL']) return
  const diagnosis = diagnose(exchanges, { now: NOW })
  assertNoPlanted(renderJson(diagnosis), planted, `${name} json`)
  assertNoPlanted(renderText(diagnosis, { colour: false }), planted, `${name} text`)
  assertNoPlanted(renderMarkdown(diagnosis), planted, `${name} markdown`)
}

const status = fc.constantFrom(400, 401, 403, 200, 500)
const method = fc.constantFrom('GET', 'POST', 'PATCH', 'get', 'DELETE')
const graphBody = fc.constantFrom(
  '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}',
  '{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience."}}',
  '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret.\\r\\nTrace ID: x\\r\\nTimestamp: y"}',
  '',
)

/** Characters before a planted secret that carry it (`client_secret=`, `https://admin:`, `"name":"Cookie","value":"`). */
const CARRIER = 48

/**
 * A place to garble that keeps every planted secret's carrier whole: noise inside `client_se{cret`
 * turns it into a name that is no secret, which no redaction can or should guess.
 */
function outsideCarriers(text: string, secret: string, at: number): number {
  for (let found = text.indexOf(secret); found >= 0; found = text.indexOf(secret, found + 1)) {
    if (at > found - CARRIER && at <= found + secret.length) return Math.max(0, found - CARRIER)
  }
  return at
}

const harCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, status, method, body: graphBody, garble: fc.option(fc.tuple(fc.nat(), noise)), count: fc.integer({ min: 1, max: 3 }) })
  .map(({ planted, status: code, method: verb, body, garble, count }) => {
    const entry = {
      startedDateTime: '2026-11-20T10:00:00.000Z',
      request: { method: verb, url: planted.url, headers: [{ name: planted.header[0], value: planted.header[1] }, { name: 'Authorization', value: `Bearer ${planted.jwt}` }], postData: { mimeType: 'application/x-www-form-urlencoded', text: planted.body } },
      response: { status: code, headers: [{ name: 'WWW-Authenticate', value: `Bearer error="invalid_token", error_description="${planted.text}"` }], content: { mimeType: 'application/json', text: body.replace('Invalid client secret.', planted.text) } },
    }
    let text = JSON.stringify({ log: { version: '1.2', entries: Array.from({ length: count }, () => entry) } })
    if (garble !== null) {
      const at = outsideCarriers(text, planted.secret, garble[0] % text.length)
      text = text.slice(0, at) + garble[1] + text.slice(at)
    }
    return { text, planted }
  })

const curlCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, status, method, body: graphBody })
  .chain(({ planted, status: code, method: verb, body }) => withNoise(fc.constant([
    `> ${verb} ${planted.url.replace('https://graph.microsoft.com', '')} HTTP/1.1`, '> Host: graph.microsoft.com', `> ${planted.header[0]}: ${planted.header[1]}`,
    `> Authorization: Bearer ${planted.jwt}`, '>', planted.body, `< HTTP/1.1 ${code} Forbidden`, '< Content-Type: application/json', '<',
    '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0', `${body}* Connection #0 to host graph.microsoft.com left intact`, planted.text,
  ])).map((lines) => ({ text: lines.join('\n'), planted })))

const rawCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, status, method, body: graphBody, crlf: fc.boolean() })
  .chain(({ planted, status: code, method: verb, body, crlf }) => withNoise(fc.constant([
    `${verb} ${planted.url} HTTP/1.1`, `${planted.header[0]}: ${planted.header[1]}`, `Authorization: Bearer ${planted.jwt}`, '', planted.body, '',
    `HTTP/1.1 ${code} Forbidden  `, 'Content-Type: application/json', '', body, planted.text,
  ])).map((lines) => ({ text: lines.join(crlf ? '\r\n' : '\n'), planted })))

const bodyCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, body: graphBody, pick: fc.nat(3), extra: noise, depth: fc.nat(80) })
  .map(({ planted, body, pick, extra, depth }) => {
    const nested = `${'{"a":'.repeat(depth)}${planted.body.startsWith('{') ? planted.body : JSON.stringify(planted.body)}${'}'.repeat(depth)}`
    const texts = [planted.body, nested, `${body}${extra}`, `{"error":"invalid_grant","error_description":${JSON.stringify(planted.text)}}`]
    return { text: texts[pick] ?? planted.body, planted }
  })

const jwtCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, claims: fc.jsonValue({ maxDepth: 4 }), exp: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e20, -1e20, 8.64e15, Number.MAX_SAFE_INTEGER)), cut: fc.option(fc.nat()) })
  .map(({ planted, claims, exp, cut }) => {
    const [header = '', , signature = ''] = planted.jwt.split('.')
    const body = Buffer.from(JSON.stringify(typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? { ...claims, exp, iat: exp, nbf: exp } : claims), 'utf8').toString('base64url')
    const token = `${header}.${body}.${signature}`
    return { text: cut === null ? token : token.slice(0, cut % (token.length + 1)) + token.slice((cut % (token.length + 1)) + 1), planted }
  })

const wwwAuthenticateCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, parts: withNoise(fc.array(fc.constantFrom('Bearer', 'realm=""', 'error="insufficient_claims"', 'claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ=="', ',', 'PoP', 'nonce="x\\"y"', 'authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"'), { maxLength: 8 })) })
  .map(({ planted, parts }) => ({ text: [...parts, `error_description="${planted.text}"`, `token="${planted.jwt}"`].join(' '), planted }))

const urlCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, segments: withNoise(fc.array(fc.constantFrom('me', 'users', '{id}', 'messages', '$batch', '%24batch', '', '..', 'drive', 'root:', ':', 'items', 'microsoft.graph.user', '$value', 'v1.0', 'beta', 'constructor', '__proto__'), { maxLength: 8 })), host: fc.constantFrom('https://graph.microsoft.com', 'https://graph.microsoft.us', 'http://localhost', 'https://constructor', '') })
  .map(({ planted, segments, host }) => ({ text: `${host}/${segments.join('/')}${planted.url.slice(planted.url.indexOf('?') < 0 ? planted.url.length : planted.url.indexOf('?'))}`, planted }))

const aadstsCase: fc.Arbitrary<FuzzCase> = fc.record({ planted: plantedArbitrary, parts: withNoise(fc.array(fc.oneof(fc.constantFrom('AADSTS', 'AADSTS50076', 'AADSTS 65001', 'aadsts7000215:', 'AADSTS99999999999', '0', '-'), fc.nat().map(String)), { maxLength: 8 })) })
  .map(({ planted, parts }) => ({ text: `${parts.join('')} ${planted.text}`, planted }))

/** Every parser's target. */
export const targets: readonly FuzzTarget[] = [
  { name: 'har', arbitrary: harCase, check: ({ text, planted }) => throughPipeline(text, 'fuzz.har', planted) },
  { name: 'curl', arbitrary: curlCase, check: ({ text, planted }) => throughPipeline(text, 'fuzz-curl.txt', planted) },
  { name: 'raw-http', arbitrary: rawCase, check: ({ text, planted }) => throughPipeline(text, 'fuzz.http', planted) },
  {
    name: 'bodies',
    arbitrary: bodyCase,
    check: ({ text, planted }) => {
      parseGraphError(text)
      parseTokenEndpointError(text)
      parseJsonBody(text)
      assertNoPlanted(redactBody(text), planted, 'redactBody')
      throughPipeline(text, 'fuzz-body.json', planted)
    },
  },
  {
    name: 'jwt',
    arbitrary: jwtCase,
    check: ({ text, planted }) => {
      const analysis = analyseToken(text)
      const shown = JSON.stringify([summarizeToken(analysis), explainClaims(analysis), judgeTokenTime(analysis, NOW)])
      assertNoPlanted(redactSecrets(shown), planted, 'token analysis')
      assertNoPlanted(redactSecrets(`token ${text} end`), planted, 'the token itself')
    },
  },
  {
    name: 'www-authenticate',
    arbitrary: wwwAuthenticateCase,
    check: ({ text, planted }) => {
      const challenges = parseWwwAuthenticate([text, text.slice(0, text.length >> 1)])
      const found = findClaimsChallenge(challenges)
      for (const challenge of challenges) decodeClaimsChallenge(challenge.params['claims'] ?? '')
      assertNoPlanted(redactSecrets(JSON.stringify([challenges, found])), planted, 'challenges')
    },
  },
  {
    name: 'url',
    arbitrary: urlCase,
    check: ({ text, planted }) => {
      assertNoPlanted(redactSecrets(JSON.stringify(classifyUrl(text))), planted, 'classifyUrl')
      assertNoPlanted(redactSecrets(text), planted, 'the URL')
    },
  },
  {
    name: 'aadsts',
    arbitrary: aadstsCase,
    check: ({ text, planted }) => {
      const found = extractAadstsCodes(text).map((code) => [lookupAadsts(code), aadstsFindingFor(code)])
      assertNoPlanted(redactSecrets(`${JSON.stringify(found)} ${text}`), planted, 'aadsts')
    },
  },
]
