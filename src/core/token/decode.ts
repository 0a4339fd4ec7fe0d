/**
 * Structural decoding of a token string: JWT, opaque or malformed (and what exactly is wrong),
 * WITHOUT verifying any signature.
 */
import { isJsonObject } from '../response/json.js'
import { decodeBase64Text } from './base64url.js'

export type JsonObject = Readonly<Record<string, unknown>>

/** What the string is, before any claim is interpreted. */
export type DecodedToken =
  | { readonly form: 'jwt'; readonly header: JsonObject; readonly claims: JsonObject; readonly signatureLength: number }
  | { readonly form: 'opaque'; readonly encrypted: boolean; readonly header?: JsonObject }
  | { readonly form: 'malformed'; readonly problem: string }

const PART_NAMES = ['header', 'claims', 'signature'] as const
/** Opaque access tokens (personal Microsoft accounts get them, e.g. `EwB…`) are long base64 strings. */
const OPAQUE_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/
const MIN_OPAQUE_LENGTH = 100

function malformed(problem: string): DecodedToken {
  return { form: 'malformed', problem }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Tokens that are something else than an access token, recognised by their start. */
function otherCredentialProblem(token: string): string | undefined {
  if (/^[01]\.A[A-Za-z0-9_-]{8,}/.test(token)) {
    return `looks like an authorization code or refresh token (starts with "${token.slice(0, 3)}"), not an access token: redeem it at the token endpoint and send the access_token`
  }
  if (/^M\.[A-Z][A-Za-z0-9]*_[A-Z]{2,}/.test(token)) {
    return 'looks like a personal-account authorization code or refresh token (starts with "M."), not an access token: redeem it at the token endpoint and send the access_token'
  }
  return undefined
}

function firstInvalidCharacter(part: string): { char: string; index: number } | undefined {
  const index = part.search(/[^A-Za-z0-9_-]/)
  const char = index < 0 ? undefined : part[index]
  return char === undefined ? undefined : { char, index }
}

function describePartCount(count: number): string {
  if (count === 2) return 'not a JWT: 2 dot-separated parts instead of 3 (the signature part is missing; was the token cut off?)'
  if (count === 4) return 'not a JWT: 4 dot-separated parts instead of 3 (two strings pasted together?)'
  return `not a JWT: ${count} dot-separated parts instead of 3`
}

function decodeWithoutDots(token: string): DecodedToken {
  if (OPAQUE_PATTERN.test(token) && token.length >= MIN_OPAQUE_LENGTH) return { form: 'opaque', encrypted: false }
  const index = token.search(/[^A-Za-z0-9+/=_-]/)
  const char = index < 0 ? undefined : token[index]
  if (char !== undefined) return malformed(`not a token: character ${JSON.stringify(char)} at position ${index + 1} is not base64`)
  return malformed(`not a JWT (no "." separators) and, at ${token.length} chars, too short to be an opaque access token`)
}

/** A 5-part JWE: encrypted, so its claims are unreadable; opaque, not malformed. */
function decodeJwe(parts: readonly string[]): DecodedToken | undefined {
  const header = parseJson(decodeBase64Text(parts[0] ?? '') ?? '')
  if (!isJsonObject(header) || header['enc'] === undefined) return undefined
  return { form: 'opaque', encrypted: true, header }
}

function decodeJsonPart(part: string, name: 'header' | 'claims'): JsonObject | string {
  if (part.length % 4 === 1) return `the ${name} part has an impossible base64url length (${part.length} chars): characters were lost`
  const text = decodeBase64Text(part)
  if (text === undefined) return `the ${name} part does not decode to UTF-8 text`
  const value = parseJson(text)
  if (isJsonObject(value)) return value
  if (value !== undefined) return `the ${name} part is JSON but not an object`
  if (text.trimStart().startsWith('{')) return `the ${name} JSON is cut off after ${text.length} characters (truncated token?)`
  return `the ${name} part is not JSON`
}

function decodeThreeParts(parts: readonly [string, string, string]): DecodedToken {
  for (const [index, part] of parts.entries()) {
    const name = PART_NAMES[index] ?? 'signature'
    if (part === '') return malformed(name === 'signature' ? 'the signature part is empty (an unsigned token)' : `the ${name} part is empty`)
    const bad = firstInvalidCharacter(part)
    if (bad !== undefined) return malformed(`the ${name} part is not base64url: character ${JSON.stringify(bad.char)} at position ${bad.index + 1}`)
  }
  const header = decodeJsonPart(parts[0], 'header')
  if (typeof header === 'string') return malformed(header)
  const claims = decodeJsonPart(parts[1], 'claims')
  if (typeof claims === 'string') return malformed(claims)
  return { form: 'jwt', header, claims, signatureLength: parts[2].length }
}

/**
 * Decode a token string without verifying it.
 *
 * @example
 * decodeToken('eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.c2ln').form // 'jwt'
 */
export function decodeToken(raw: string): DecodedToken {
  const token = raw.trim()
  if (token === '') return malformed('the token is empty')
  if (/^(?:bearer|basic)\s/i.test(token)) return malformed('the string starts with an auth scheme ("Bearer …"): it is a header value, not a token')
  if (/%(?:2B|2F|3D|2E)/i.test(token)) return malformed('the token is URL-encoded (it contains %2B, %2F, %2E or %3D): decode it before sending it')
  if (/\s/.test(token)) return malformed('the token contains whitespace or a line break')
  const other = otherCredentialProblem(token)
  if (other !== undefined) return malformed(other)
  const parts = token.split('.')
  if (parts.length === 1) return decodeWithoutDots(token)
  if (parts.length === 5) return decodeJwe(parts) ?? malformed(describePartCount(5))
  const [header, claims, signature] = parts
  if (parts.length !== 3 || header === undefined || claims === undefined || signature === undefined) {
    return malformed(describePartCount(parts.length))
  }
  return decodeThreeParts([header, claims, signature])
}
