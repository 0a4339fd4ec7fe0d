import type { AuthChallenge, ClaimsRequest } from './types.js'
import { parseJsonBody } from './json.js'
import { decodeBase64Text } from '../token/base64url.js'

/**
 * The claims challenge among the challenges: a challenge with `error="insufficient_claims"`
 * (case-insensitive), with its decoded `claims` when present. An expired-token 401 also carries
 * `WWW-Authenticate`, but without `error`: that is not a claims challenge.
 *
 * @example
 * findClaimsChallenge(parseWwwAuthenticate([header]))?.claims?.json // '{"access_token":{…}}'
 */
export function findClaimsChallenge(
  challenges: readonly AuthChallenge[],
): { challenge: AuthChallenge; claims?: ClaimsRequest } | undefined {
  const challenge = challenges.find((candidate) => candidate.params['error']?.trim().toLowerCase() === 'insufficient_claims')
  if (challenge === undefined) return undefined
  const raw = challenge.params['claims']
  const claims = raw === undefined ? undefined : decodeClaimsChallenge(raw)
  return claims === undefined ? { challenge } : { challenge, claims }
}

/**
 * Decode the `claims` value of a claims challenge: base64 or base64url, padded or not. A value that
 * is already JSON is taken as is. Undefined when it is neither.
 *
 * @example
 * decodeClaimsChallenge('eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ==')
 * // { json: '{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}', parsed: {…} }
 */
export function decodeClaimsChallenge(value: string): ClaimsRequest | undefined {
  const text = value.trim()
  if (text === '') return undefined
  if (text.startsWith('{')) return withParsed(text)
  const decoded = decodeBase64Text(text)
  if (decoded === undefined) return undefined
  return withParsed(decoded)
}

function withParsed(json: string): ClaimsRequest | undefined {
  const parsed = parseJsonBody(json)
  return parsed === undefined ? { json } : { json, parsed }
}
