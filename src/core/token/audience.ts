/** Which API a token was minted for, from its `aud` (and `iss` for the cloud of a GUID audience). */
import type { Cloud } from '../target.js'
import { AUDIENCE_HOST_SUFFIXES, CLOUD_BY_ISSUER_HOST, GRAPH_NAME_BY_CLOUD, KNOWN_AUDIENCES } from './tables/audience-table.js'
import { GRAPH_APP_ID } from './tables/constants.js'
import type { Audience } from './types.js'
import { ownEntry } from './lookup.js'
import { trimTrailing } from '../trim.js'

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What is known about the token besides `aud`. */
export interface AudienceContext {
  readonly issuer?: string
  /** `appid` or `azp`: the client the token was issued to. */
  readonly clientId?: string
  readonly isIdToken?: boolean
}

function normalise(aud: string): string {
  return trimTrailing(aud.trim().toLowerCase(), '/')
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * Cloud named by an issuer (`iss`) URL, when the host tells it. US Gov L4 and L5 share one sign-in
 * host, so `us-gov-or-dod` means "one of the two".
 */
export function cloudOfIssuer(issuer: string | undefined): Cloud | 'us-gov-or-dod' | undefined {
  if (issuer === undefined) return undefined
  const host = hostOf(issuer)
  return host === undefined ? undefined : ownEntry(CLOUD_BY_ISSUER_HOST, host)
}

function graphByAppId(value: string, issuer: string | undefined): Audience {
  const cloud = cloudOfIssuer(issuer)
  if (cloud === undefined) return { value, kind: 'graph', name: 'Microsoft Graph (cloud not known from the issuer)' }
  if (cloud === 'us-gov-or-dod') return { value, kind: 'graph', name: 'Microsoft Graph (US Government: L4 or L5)' }
  return { value, kind: 'graph', cloud, name: GRAPH_NAME_BY_CLOUD[cloud] }
}

function byHostSuffix(value: string, key: string): Audience | undefined {
  const host = hostOf(key)
  if (host === undefined) return undefined
  const match = AUDIENCE_HOST_SUFFIXES.find((entry) => host.endsWith(entry.suffix))
  if (match === undefined) return undefined
  const { suffix: _suffix, ...known } = match
  return { value, ...known, name: `${known.name} (${host})` }
}

function ownApi(value: string, key: string, context: AudienceContext): Audience | undefined {
  if (context.isIdToken === true) return { value, kind: 'own-api', name: 'the app itself: an ID token, not an access token' }
  if (context.clientId !== undefined && key === normalise(context.clientId)) {
    return { value, kind: 'own-api', name: "the app's own API (aud is the client's own app id)" }
  }
  if (key.startsWith('api://')) return { value, kind: 'own-api', name: `a custom API (${value})` }
  return undefined
}

function otherName(value: string, key: string): string {
  if (GUID_PATTERN.test(key)) return `an API that is not Microsoft Graph (app id ${key})`
  const host = hostOf(key)
  return host === undefined ? `an API that is not Microsoft Graph (${value})` : `an API that is not Microsoft Graph (${host})`
}

/**
 * Classify an `aud` value. Graph is recognised by its app id in every cloud (the cloud then comes
 * from `iss`) and by each cloud's URI, with or without a trailing slash.
 *
 * @example
 * classifyAudience('https://graph.microsoft.us/').cloud // 'us-gov'
 * classifyAudience('00000002-0000-0000-c000-000000000000').kind // 'aad-graph'
 */
export function classifyAudience(aud: string, context: AudienceContext = {}): Audience {
  const value = aud
  const key = normalise(aud)
  if (key === GRAPH_APP_ID) return graphByAppId(value, context.issuer)
  const known = ownEntry(KNOWN_AUDIENCES, key)
  if (known !== undefined) return { value, ...known }
  return byHostSuffix(value, key) ?? ownApi(value, key, context) ?? { value, kind: 'other', name: otherName(value, key) }
}
