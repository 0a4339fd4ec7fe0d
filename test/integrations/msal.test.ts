/**
 * MSAL Node for real, its network module pointed at the Graph double: diagnoseMsalError on the
 * errors it throws, and the complete claims-challenge retry loop of the README.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node'
import { claimsFromChallenge, diagnoseMsalError } from '../../src/integrations/msal.js'
import { CHALLENGE_CLAIMS } from '../double/answers.js'
import { CLIENT_SECRET } from '../double/finding-calls.js'
import { startGraphDouble, type GraphDouble } from '../double/server.js'
import { FAKE_APP, FAKE_TENANT } from '../helpers/tokens.js'

const LOGIN = 'https://login.microsoftonline.com'
const SCOPES = ['https://graph.microsoft.com/.default']

/** MSAL's network module, sending what MSAL addresses to the login host to the double instead. */
function doubleNetwork(double: GraphDouble, scenario?: string): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const target = url.startsWith(LOGIN) ? `${double.url}${url.slice(LOGIN.length)}` : url
    const isToken = method === 'POST'
    const response = await fetch(target, { method, headers: { ...options?.headers, ...(isToken && scenario !== undefined ? { 'x-double-scenario': scenario } : {}) }, ...(options?.body === undefined ? {} : { body: options.body }) })
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => (headers[name] = value))
    return { status: response.status, headers, body: (await response.json()) as T }
  }
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  }
}

function msalApp(double: GraphDouble, scenario?: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId: FAKE_APP, authority: `${LOGIN}/${FAKE_TENANT}`, clientSecret: CLIENT_SECRET, clientCapabilities: ['cp1'] },
    system: { networkClient: doubleNetwork(double, scenario) },
  })
}

test('diagnoseMsalError: the errors real MSAL Node throws for token-endpoint failures get the token-endpoint findings', async () => {
  const double = await startGraphDouble()
  try {
    for (const id of ['token-request-failed', 'consent-missing', 'interaction-required'] as const) {
      const error: unknown = await msalApp(double, `finding:${id}`).acquireTokenByClientCredential({ scopes: SCOPES }).then(() => undefined, (caught: unknown) => caught)
      assert.ok(error instanceof Error, id)
      const result = diagnoseMsalError(error)
      assert.ok(result?.findings.some((finding) => finding.id === id), `${id}: ${(error as { errorCode?: string }).errorCode} → ${result?.findings.map((finding) => finding.id).join(', ')}`)
      assert.ok(!JSON.stringify(result).includes(CLIENT_SECRET))
    }
    assert.equal(diagnoseMsalError(new Error('not MSAL')), undefined)
  } finally {
    await double.close()
  }
})

test('the claims-challenge retry loop of the README succeeds end to end with MSAL Node', async () => {
  const double = await startGraphDouble({ scenario: 'claims' })
  try {
    const msal = msalApp(double)
    const callGraph = async (accessToken: string): Promise<Response> => fetch(`${double.url}/v1.0/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    // The loop as the README documents it:
    let result = await msal.acquireTokenByClientCredential({ scopes: SCOPES })
    let response = await callGraph(result?.accessToken ?? '')
    const claims = claimsFromChallenge(response)
    if (response.status === 401 && claims !== undefined) {
      result = await msal.acquireTokenByClientCredential({ scopes: SCOPES, claims })
      response = await callGraph(result?.accessToken ?? '')
    }
    assert.equal(claims, CHALLENGE_CLAIMS)
    assert.equal(response.status, 200)
    assert.equal(((await response.json()) as { displayName: string }).displayName, 'Adele Test')
    assert.equal(claimsFromChallenge(response), undefined)
    assert.equal(claimsFromChallenge({ 'www-authenticate': ['Bearer realm=""', `Bearer error="insufficient_claims", claims="${btoa(CHALLENGE_CLAIMS)}"`] }), CHALLENGE_CLAIMS)
  } finally {
    await double.close()
  }
})
