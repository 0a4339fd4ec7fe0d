import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { redactBody, redactSecrets } from '../../src/core/redact.js'
import { appOnlyToken, delegatedToken, fakeSignature } from '../helpers/tokens.js'
import { base64urlText, fakeJwe, jwtParts, opaqueMsaToken } from '../helpers/more-tokens.js'

const jwt = delegatedToken()
const signature = jwtParts(jwt)[2]

describe('redactSecrets', () => {
  it('replaces the credential after Bearer with its length', () => {
    assert.equal(redactSecrets(`Authorization: Bearer ${jwt}`), `Authorization: Bearer [redacted token, ${jwt.length} chars]`)
  })

  it('replaces a Basic credential', () => {
    assert.equal(redactSecrets('authorization: basic dXNlcjpwYXNzd29yZDEyMzQ='), 'authorization: basic [redacted token, 24 chars]')
  })

  it('replaces a JWT anywhere in text, also glued to other characters', () => {
    const text = `token=${jwt}, and again:${appOnlyToken()}!`
    const redacted = redactSecrets(text)
    assert.equal(redacted, `token=[redacted JWT, ${jwt.length} chars], and again:[redacted JWT, ${appOnlyToken().length} chars]!`)
  })

  it('replaces a JWE and a JWT cut to two parts', () => {
    assert.equal(redactSecrets(`x ${fakeJwe()} y`), `x [redacted JWT, ${fakeJwe().length} chars] y`)
    const [header, claims] = jwtParts(jwt)
    assert.equal(redactSecrets(`${header}.${claims}`), `[redacted JWT, ${header.length + claims.length + 1} chars]`)
  })

  it('replaces tokens and codes in URL parameters', () => {
    const url = 'https://app.example/cb#access_token=EwBabc123&token_type=Bearer&state=1'
    assert.equal(redactSecrets(url), 'https://app.example/cb#access_token=[redacted, 9 chars]&token_type=Bearer&state=1')
    assert.equal(redactSecrets('/cb?code=0.AXoAfake-code&state=x'), '/cb?code=[redacted, 15 chars]&state=x')
    assert.equal(
      redactSecrets('https://login.microsoftonline.com/error?code=7000215'),
      'https://login.microsoftonline.com/error?code=7000215',
      'an AADSTS lookup link is not an authorization code',
    )
  })

  it('replaces a standalone opaque personal-account token', () => {
    const opaque = opaqueMsaToken()
    assert.equal(redactSecrets(`token: ${opaque}`), `token: [redacted token, ${opaque.length} chars]`)
  })

  it('leaves prose about bearer tokens alone', () => {
    const prose = 'Send a Bearer token in the Authorization header; Bearer authentication failed. Use Basic auth never.'
    assert.equal(redactSecrets(prose), prose)
    assert.equal(redactSecrets('GET https://graph.microsoft.com/v1.0/me?$select=id'), 'GET https://graph.microsoft.com/v1.0/me?$select=id')
  })

  it('is idempotent', () => {
    const once = redactSecrets(`Bearer ${jwt} ${jwt} ?code=0.AXoAfake`)
    assert.equal(redactSecrets(once), once)
    assert.ok(!once.includes(signature))
  })
})

describe('redactBody', () => {
  it('redacts secrets of a token request (form-encoded)', () => {
    const body = 'grant_type=authorization_code&client_id=abc&code=0.AXoAfake&code_verifier=verifier123&client_secret=s3cr%2Bt&redirect_uri=https%3A%2F%2Fapp.example'
    assert.equal(
      redactBody(body),
      'grant_type=authorization_code&client_id=abc&code=[redacted]&code_verifier=[redacted]&client_secret=[redacted]&redirect_uri=https%3A%2F%2Fapp.example',
    )
  })

  it('redacts password, refresh_token, assertion and client_assertion in forms, keys case-insensitive', () => {
    const body = 'grant_type=password&username=adele%40contoso.example&PASSWORD=hunter2&refresh_token=0.AXo&assertion=x&client_assertion=y'
    assert.equal(redactBody(body), 'grant_type=password&username=adele%40contoso.example&PASSWORD=[redacted]&refresh_token=[redacted]&assertion=[redacted]&client_assertion=[redacted]')
  })

  it('redacts JSON secrets at any depth and keeps the rest', () => {
    const body = JSON.stringify({ passwordProfile: { password: 'P@ss', forceChangePasswordNextSignIn: true }, accounts: [{ newPassword: 'a', currentPassword: 'b' }], displayName: 'Adele' })
    assert.deepEqual(JSON.parse(redactBody(body)), {
      passwordProfile: { password: '[redacted]', forceChangePasswordNextSignIn: true },
      accounts: [{ newPassword: '[redacted]', currentPassword: '[redacted]' }],
      displayName: 'Adele',
    })
  })

  it('redacts the tokens of a token response and camelCase MSAL keys', () => {
    const body = JSON.stringify({ token_type: 'Bearer', access_token: jwt, refresh_token: '0.AXo', id_token: jwt, accessToken: 'x', secretText: 'y' })
    const redacted = redactBody(body)
    assert.deepEqual(JSON.parse(redacted), { token_type: 'Bearer', access_token: '[redacted]', refresh_token: '[redacted]', id_token: '[redacted]', accessToken: '[redacted]', secretText: '[redacted]' })
  })

  it('keeps error codes such as Authorization_RequestDenied but hides code-like values', () => {
    const error = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
    assert.equal(redactBody(error), error)
    assert.deepEqual(JSON.parse(redactBody(JSON.stringify({ code: '0.AXoAfake-auth-code' }))), { code: '[redacted]' })
  })

  it('keeps pretty-printed JSON pretty', () => {
    const body = JSON.stringify({ password: 'x', a: 1 }, null, 2)
    assert.equal(redactBody(body), '{\n  "password": "[redacted]",\n  "a": 1\n}')
  })

  it('still redacts JWTs in JSON fields with other names and in plain text bodies', () => {
    assert.ok(!redactBody(JSON.stringify({ note: `Bearer ${jwt}` })).includes(signature))
    assert.ok(!redactBody(`some text with ${jwt} inside`).includes(signature))
    assert.ok(!redactBody(`{"broken json": "${jwt}"`).includes(signature))
  })

  it('leaves bodies without secrets unchanged', () => {
    assert.equal(redactBody(''), '')
    assert.equal(redactBody('plain text'), 'plain text')
    assert.equal(redactBody('{"displayName":"Adele"}'), '{"displayName":"Adele"}')
  })
})

describe('redactSecrets keeps what is evidence', () => {
  it('keeps a base64 claims challenge, even at the end of a sentence', () => {
    const challenge = 'Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ"'
    assert.equal(redactSecrets(challenge), challenge)
    const sentence = 'The claims are eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ.\nNext line.'
    assert.equal(redactSecrets(sentence), sentence)
  })
})

describe('redaction of hostile input keeps what is not a secret (linearity: test/redos.test.ts and the fuzz run)', () => {
  for (const [name, text] of [
    ['many JWT starts without dots', 'eyJ'.repeat(60000)],
    ['many Bearer words', 'Bearer '.repeat(30000)],
  ] as const) {
    it(`leaves ${name} (${text.length} chars) as it is`, () => {
      assert.equal(redactSecrets(text), text)
    })
  }
  it('takes many opaque-token starts for one opaque token, and many URL parameters for one value', () => {
    assert.equal(redactSecrets('/EwA'.repeat(40000)), '/[redacted token, 159999 chars]')
    assert.equal(redactSecrets('?code='.repeat(30000)), '?code=[redacted, 179994 chars]')
  })
  it('redacts many short JWT-like parts as JWTs of at most five parts', () => {
    const redacted = redactSecrets('eyJabcdefgh.'.repeat(20000))
    assert.match(redacted, /^(?:\[redacted JWT, 59 chars\]\.)+/)
    assert.ok(!redacted.includes('eyJabcdefgh'))
  })
})

describe('issue 8: secrets that were printed', () => {
  const jwtLike = (header: string): string => `${base64urlText(header)}.${base64urlText('{"aud":"x","scp":"User.Read"}')}.${fakeSignature('s')}`
  const sig = fakeSignature('s')

  it('hides URL parameters in camelCase, kebab-case and any case', () => {
    for (const name of ['clientSecret', 'client-secret', 'refreshToken', 'newPassword', 'secretText', 'CLIENT_SECRET', 'Client.Secret', 'x-api-key', 'sig']) {
      const url = `https://graph.microsoft.com/v1.0/me?${name}=FAKEsecret123&state=ok`
      assert.equal(redactSecrets(url), `https://graph.microsoft.com/v1.0/me?${name}=[redacted, 13 chars]&state=ok`, name)
    }
  })

  it('hides the password of a URL user-info, and encoded parameters of a nested URL', () => {
    assert.equal(redactSecrets('GET https://admin:pw@graph.microsoft.com/v1.0/me'), 'GET https://admin:[redacted, 2 chars]@graph.microsoft.com/v1.0/me')
    assert.equal(redactSecrets('redirect=https%3A%2F%2Fapp%2Fcb%3Faccess_token%3DFAKEtok42%26state%3D1'), 'redirect=https%3A%2F%2Fapp%2Fcb%3Faccess_token%3D[redacted, 9 chars]%26state%3D1')
  })

  it('keeps file names whose word ends in ex, ey or ez before a dot (catalogue-index.json, ez.json.gz): a header decodes past `{`', () => {
    for (const text of ['catalogue-index.json 740,493 bytes', 'see ex.json', 'index.json', 'ez.json.gz', 'apex.ey.ab']) assert.equal(redactSecrets(text), text)
  })

  it('keeps Teams channel, chat and meeting ids in a path (19:…@thread.tacv2 is no user:password@), and a password before a thread. host elsewhere', () => {
    for (const url of [
      'https://graph.microsoft.com/v1.0/teams/6f1c/channels/19:8993aabbccdd0011223344556677889f@thread.tacv2/messages',
      'https://graph.microsoft.com/v1.0/chats/19:2da4c29f-6d7e-4a1b-9c55-3e0f1a2b3c4d_5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9@unq.gbl.spaces/messages',
      'https://graph.microsoft.com/v1.0/chats/19:meeting_NGRiZDE2ZWEtZjI3Mi00@thread.v2/members',
    ]) assert.equal(redactSecrets(url), url)
    assert.equal(redactSecrets('https://admin:pw@thread.example/x'), 'https://admin:[redacted, 2 chars]@thread.example/x')
  })

  it('hides a form body quoted in free text and JSON-like text', () => {
    assert.equal(
      redactSecrets('AADSTS7000215: Invalid client secret. Request body: client_id=abc&client_secret=FAKE~s3cret~1&grant_type=client_credentials'),
      'AADSTS7000215: Invalid client secret. Request body: client_id=abc&client_secret=[redacted, 13 chars]&grant_type=client_credentials',
    )
    assert.equal(redactSecrets(`{'newPassword': 'FAKE-pw-1', "pin": 1234, "code": "Authorization_RequestDenied"}`), `{'newPassword': "[redacted, 9 chars]", "pin": "[redacted, 4 chars]", "code": "Authorization_RequestDenied"}`)
    assert.equal(redactSecrets('password: FAKE-pw-2 and Cookie: a=1; b=FAKE2\nnext'), 'password: [redacted, 9 chars] and Cookie: [redacted, 12 chars]\nnext')
  })

  it('hides JWTs whose header does not start with eyJ plus 8 characters', () => {
    for (const header of ['{\n  "alg": "RS256",\n  "typ": "JWT"\n}', '{ "alg":"none" }', '{}', '{"a":1}', '{\r\n"alg":"RS256"}']) {
      const token = jwtLike(header)
      assert.equal(redactSecrets(`x ${token} y`), `x [redacted JWT, ${token.length} chars] y`, JSON.stringify(header))
    }
  })

  it('hides JWTs broken by a line break, a space, %2E, or written in standard base64', () => {
    const token = jwtLike('{"alg":"RS256","typ":"JWT"}')
    const [header = '', claims = '', signature = ''] = token.split('.')
    const broken = [
      `${header.slice(0, 20)}\n${header.slice(20)}.${claims}.${signature}`,
      `${header}.${claims.slice(0, 30)} ${claims.slice(30)}.${signature}`,
      `${header}.${claims}.${signature.slice(0, 20)}\r\n${signature.slice(20)}`,
      `${header}%2E${claims}%2e${signature}`,
      `${header}.${claims}.${signature.replace(/-/g, '+').replace(/_/g, '/')}`,
      `${header}.${claims}.${signature.slice(0, 20)}\\n${signature.slice(20)}`,
    ]
    for (const text of broken) {
      const redacted = redactSecrets(`before ${text} after`)
      assert.equal(redacted, `before [redacted JWT, ${text.length} chars] after`, text.slice(0, 40))
      assert.ok(!redacted.includes(sig.slice(20, 40)))
    }
  })

  it('hides opaque refresh tokens and short Basic credentials', () => {
    const refresh = `0.AXoA${'Ab1_-'.repeat(30)}`
    assert.equal(redactSecrets(`refresh ${refresh} end`), `refresh [redacted token, ${refresh.length} chars] end`)
    assert.equal(redactSecrets('Authorization: Basic YTpi'), 'Authorization: Basic [redacted token, 4 chars]')
    const cut = 'yJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.W10.FAKEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
    assert.equal(redactSecrets(`token ${cut} end`), `token [redacted token, ${cut.length} chars] end`, 'a JWT that lost its first character (found by fuzzing)')
    const shortCut = '30.dHJ1ZQ.FAKECTHf7X-HEbYP3PeH2Zr7mMZjk4IVNPJidCutOLM0G1Q'
    assert.equal(redactSecrets(`token ${shortCut} end`), `token [redacted token, ${shortCut.length} chars] end`, 'a short one too (found by fuzzing)')
  })

  it('keeps what is evidence: error codes, AADSTS links, claims, labels, type names', () => {
    for (const text of [
      'https://login.microsoftonline.com/error?code=7000215',
      '{"error":{"code":"Authorization_RequestDenied"}}',
      'Timestamp: 2026-11-20 10:00:00Z, Trace ID: 0000aaaa-1111-2222-3333-444455556666',
      'signature: 342 chars (not shown, not verified)',
      'token: v1.0 delegated',
      'Category  credentials: a user or client credential is wrong, expired, or the account is blocked',
      'password: is required',
      'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException2.WithAVeryLongTypeNameForTesting',
      'The token expired 2 hours ago; get a new one with eyes open.',
      `claims="${base64urlText('{"access_token":{"nbf":{"essential":true,"value":"1702682181"}},"id_token":{"x":1}}')}"`,
    ]) assert.equal(redactSecrets(text), text)
  })
})

describe('quoted and spaced name=value secrets (review item 1)', () => {
  it('hides a double-quoted, a single-quoted and a spaced value, keeping the quotes', () => {
    assert.equal(redactSecrets('Invalid value for client_secret="S3cr3tValue99".'), 'Invalid value for client_secret="[redacted, 13 chars]".')
    assert.equal(redactSecrets("password='hunter2hunter2' given"), "password='[redacted, 14 chars]' given")
    assert.equal(redactSecrets('password = hunter2hunter2 given'), 'password = [redacted, 14 chars] given')
  })

  it('never eats the backslash of an escaped quote, so JSON text stays JSON and its secret goes', () => {
    const json = JSON.stringify({ message: 'Invalid value for client_secret="S3cr3tValue99"' })
    const redacted = redactSecrets(json)
    assert.deepEqual(JSON.parse(redacted), { message: 'Invalid value for client_secret="[redacted, 13 chars]"' })
    assert.equal(redactSecrets(redacted), redacted)
  })

  it('keeps prose and error codes after a spaced =', () => {
    for (const text of ['token = v1 delegated', 'code = Authorization_RequestDenied', 'x == y', 'secret = is']) assert.equal(redactSecrets(text), text)
  })
})

describe('placeholders of an Authorization value are kept', () => {
  it('keeps (absent) in evidence and Bearer <token> in a fix, and still hides a real value', () => {
    assert.equal(redactSecrets('header Authorization: (absent)'), 'header Authorization: (absent)')
    const fix = 'send it on every request as `Authorization: Bearer <token>`.'
    assert.equal(redactSecrets(fix), fix)
    assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNz').includes('dXNlcjpwYXNz'), false)
    assert.equal(redactSecrets('Authorization: (absent) Basic dXNlcjpwYXNz').includes('dXNlcjpwYXNz'), false)
  })

  it('keeps Bearer (no token) in evidence, and hides a token-like run after a placeholder', () => {
    const evidence = 'header Authorization: Bearer (no token) (nothing after "Bearer": the code that builds the header had no token)'
    assert.equal(redactSecrets(evidence), evidence)
    assert.equal(redactSecrets('Authorization: Bearer (no token) 0pAqUe-Secret.Value_123').includes('0pAqUe-Secret'), false)
    assert.equal(redactSecrets('Authorization: (absent) 0pAqUe-Secret.Value_123').includes('0pAqUe-Secret'), false)
  })

  it('keeps a token shown as its length, Bearer (1215 chars), and hides a token-like run after it', () => {
    const evidence = 'header Authorization: Bearer (1215 chars) ("Bearer" appears twice)'
    assert.equal(redactSecrets(evidence), evidence)
    assert.equal(redactSecrets('Authorization: Bearer (1215 chars) 0pAqUe-Secret.Value_123').includes('0pAqUe-Secret'), false)
    assert.equal(redactSecrets('Authorization: (12 chars)').includes('(12 chars)'), true)
  })
})
