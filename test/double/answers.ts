/**
 * The JSON answers of the Graph double: Graph resources, the token endpoint and its discovery
 * documents, claims challenges, throttling, `$batch`. Faults and large bodies are in server.ts.
 */
import { randomUUID } from 'node:crypto'
import { FAKE_TENANT, FAKE_USER_OID, appOnlyToken } from '../helpers/tokens.js'
import { graphErrorBody } from './bodies.js'
import { findingCalls, type ScriptedResponse } from './finding-calls.js'
import { SCENARIO_HEADER, parseScenario, type Scenario } from './scenarios.js'

export interface DoubleRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

const JSON_TYPE: readonly [string, string] = ['content-type', 'application/json; charset=utf-8']
/** The claims request of the double's challenge: authentication context c1. */
export const CHALLENGE_CLAIMS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}'
const LOGIN = 'https://login.microsoftonline.com'

const json = (status: number, value: unknown, headers: ReadonlyArray<readonly [string, string]> = []): ScriptedResponse =>
  ({ status, headers: [JSON_TYPE, ...headers], body: typeof value === 'string' ? value : JSON.stringify(value) })

function claimsOf(authorization: string | undefined): Record<string, unknown> {
  const payload = authorization?.replace(/^Bearer\s+/i, '').split('.')[1]
  if (payload === undefined) return {}
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return {}
  }
}

function hasAuthContext(authorization: string | undefined): boolean {
  const acrs = claimsOf(authorization)['acrs']
  return Array.isArray(acrs) && acrs.includes('c1')
}

function claimsChallenge(requestId: string): ScriptedResponse {
  const challenge = `Bearer realm="", authorization_uri="${LOGIN}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${btoa(CHALLENGE_CLAIMS)}"`
  return json(401, graphErrorBody('InvalidAuthenticationToken', "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.", requestId), [['www-authenticate', challenge]])
}

function issueToken(form: URLSearchParams): ScriptedResponse {
  const now = Math.floor(Date.now() / 1000)
  const claims = form.get('claims') ?? ''
  const acrs = claims.includes('"c1"') ? { acrs: ['c1'], xms_cc: ['cp1'] } : {}
  const access = appOnlyToken({ iat: now - 5, nbf: now - 5, exp: now + 3600, appid: form.get('client_id') ?? undefined, ...acrs })
  return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access })
}

function openIdConfiguration(tenant: string): ScriptedResponse {
  const base = `${LOGIN}/${tenant}`
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${LOGIN}/${tenant}/discovery/v2.0/keys`,
    issuer: `${LOGIN}/${tenant === 'common' || tenant === 'organizations' ? '{tenantid}' : tenant}/v2.0`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
  })
}

function instanceDiscovery(): ScriptedResponse {
  return json(200, {
    tenant_discovery_endpoint: `${LOGIN}/${FAKE_TENANT}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] }],
  })
}

/** Answers of the login host: token endpoint, OpenID configuration, instance discovery. */
function loginAnswer(request: DoubleRequest, scenario: Scenario): ScriptedResponse {
  if (request.path.startsWith('/common/discovery/instance')) return instanceDiscovery()
  const openId = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration/.exec(request.path)
  if (openId !== null) return openIdConfiguration(openId[1] ?? 'common')
  if (scenario.kind === 'finding') return scriptedFinding(scenario)
  return issueToken(new URLSearchParams(request.body))
}

function scriptedFinding(scenario: Extract<Scenario, { kind: 'finding' }>): ScriptedResponse {
  const call = findingCalls().get(scenario.id)
  if (call === undefined) throw new Error(`no live call for ${scenario.id}`)
  return call.response
}

/** Per-double state: the count of requests each throttle scenario has seen. */
export class AnswerState {
  readonly throttled = new Map<string, number>()
}

function graphAnswer(request: DoubleRequest, scenario: Scenario, name: string, state: AnswerState, requestId: string): ScriptedResponse {
  switch (scenario.kind) {
    case 'finding':
      return scriptedFinding(scenario)
    case 'claims':
      return hasAuthContext(request.headers['authorization']) ? json(200, { id: FAKE_USER_OID, displayName: 'Adele Test' }) : claimsChallenge(requestId)
    case 'throttle': {
      const seen = state.throttled.get(name) ?? 0
      state.throttled.set(name, seen + 1)
      if (seen < scenario.count) return json(429, graphErrorBody('TooManyRequests', 'Too many requests.', requestId), [['retry-after', String(scenario.retryAfter)]])
      return json(200, { value: [] })
    }
    case 'status':
      return json(scenario.status, graphErrorBody(scenario.status === 503 ? 'serviceNotAvailable' : 'generalException', 'The service is temporarily unavailable.', requestId))
    default:
      if (/\/me\/?$/.test(request.path.split('?')[0] ?? '')) return json(200, { id: FAKE_USER_OID, displayName: 'Adele Test', userPrincipalName: 'adele@contoso.example' })
      return json(200, { value: [] })
  }
}

interface BatchRequest {
  readonly id: string
  readonly method: string
  readonly url: string
  readonly headers?: Record<string, string>
}

function batchAnswer(request: DoubleRequest, fallback: string, state: AnswerState): ScriptedResponse {
  const { requests } = JSON.parse(request.body) as { requests: BatchRequest[] }
  const responses = requests.map((sub) => {
    const name = sub.headers?.[SCENARIO_HEADER] ?? fallback
    const answer = graphAnswer({ method: sub.method, path: sub.url, headers: { ...sub.headers, authorization: request.headers['authorization'] }, body: '' }, parseScenario(name), name, state, randomUUID())
    return { id: sub.id, status: answer.status, headers: Object.fromEntries(answer.headers), body: JSON.parse(answer.body) as unknown }
  })
  return json(200, { responses })
}

/** The answer to a request of a JSON scenario (not a fault, not a large body). */
export function answer(request: DoubleRequest, name: string, state: AnswerState, requestId: string): ScriptedResponse {
  const scenario = parseScenario(name)
  const isGraph = /^\/(v1\.0|beta)(\/|$)/.test(request.path)
  if (!isGraph) return loginAnswer(request, scenario)
  if (/\/\$batch$/.test(request.path.split('?')[0] ?? '') && request.method === 'POST') return batchAnswer(request, name, state)
  return graphAnswer(request, scenario, name, state, requestId)
}
