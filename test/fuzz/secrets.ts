/**
 * Planted secrets for fuzzing: a unique fake value, and the places a paste may hold it (URL query in
 * every spelling, fragment, user-info, Authorization and Cookie headers, form and JSON bodies, an
 * error text quoting a form, a JWT signature with an oddly shaped header). A property fails when the
 * value comes out of any renderer.
 */
import fc from 'fast-check'

/** Where the secret sits, and the text that carries it. */
export interface Planted {
  readonly secret: string
  /** `name=value` (URL query or form), for URLs. */
  readonly query: string
  /** A header line `Name: value`. */
  readonly header: readonly [string, string]
  /** A request body (form or JSON). */
  readonly body: string
  /** Free text (an error_description). */
  readonly text: string
  /** A URL holding it (query, fragment or user-info). */
  readonly url: string
  /** A JWT whose signature is the secret (header oddly shaped at times). */
  readonly jwt: string
}

const NAMES = ['client_secret', 'clientSecret', 'client-secret', 'CLIENT_SECRET', 'refreshToken', 'refresh_token', 'newPassword', 'password', 'secretText', 'access_token', 'id_token', 'assertion', 'client_assertion', 'x-api-key', 'code_verifier'] as const
const HEADERS = ['{"typ":"JWT","alg":"RS256"}', '{\n  "typ": "JWT",\n  "alg": "RS256"\n}', '{ "alg": "none" }', '{}', '{"alg":"HS256","kid":"k1","x5t":"abc"}'] as const

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')

/** A unique secret: FAKE, then 12 to 24 letters and digits. */
export const secretArbitrary = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'), minLength: 12, maxLength: 24 }).map((tail) => `FAKE${tail}`)

/** A JWT-signature-shaped secret: 43 to 120 base64url characters, starting FAKE. */
const signatureArbitrary = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 40, maxLength: 120 }).map((tail) => `FAKE${tail}`)

export const plantedArbitrary: fc.Arbitrary<Planted> = fc.record({
  secret: secretArbitrary,
  name: fc.constantFrom(...NAMES),
  headerJson: fc.constantFrom(...HEADERS),
  signature: signatureArbitrary,
  urlShape: fc.constantFrom('query', 'fragment', 'userinfo', 'encoded'),
  json: fc.boolean(),
}).map(({ secret, name, headerJson, signature, urlShape, json }) => {
  const query = `${name}=${secret}`
  const claims = base64url(JSON.stringify({ aud: 'https://graph.microsoft.com', scp: 'User.Read', tid: '11111111-2222-4333-8444-555555555555', exp: 1795000000 }))
  const jwt = `${base64url(headerJson)}.${claims}.${signature}`
  const urls = {
    query: `https://graph.microsoft.com/v1.0/me?$select=id&${query}`,
    fragment: `https://app.example/cb#${query}&state=1`,
    userinfo: `https://admin:${secret}@graph.microsoft.com/v1.0/me`,
    encoded: `https://graph.microsoft.com/v1.0/me?redirect=https%3A%2F%2Fapp%2Fcb%3F${name}%3D${secret}%26s%3D1`,
  } as const
  return {
    secret,
    query,
    header: (json ? ['Cookie', `session=${secret}; other=1`] : ['Authorization', `Bearer ${secret}${secret}`]) as readonly [string, string],
    body: json ? JSON.stringify({ [name]: secret, displayName: 'Adele' }) : `grant_type=client_credentials&${query}&scope=x`,
    text: `AADSTS7000215: Invalid client secret. Request: grant_type=client_credentials&${query}`,
    url: urls[urlShape],
    jwt,
  }
})

/** The values that must never be printed for a planted case. */
export function secretsOf(planted: Planted): string[] {
  const signature = planted.jwt.split('.')[2] ?? ''
  return [planted.secret, signature]
}

/** Fail with a short message when `output` holds a planted secret. */
export function assertNoPlanted(output: string, planted: Planted, where: string): void {
  for (const secret of secretsOf(planted)) {
    if (output.includes(secret)) throw new Error(`${where} printed the planted secret ${secret.slice(0, 10)}…`)
  }
}
