import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appOnlyToken, FAKE_APP, FAKE_TENANT } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run, textOf, tokenError, tokenRequest } from './helpers.js'

const MFA_DESCRIPTION = "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-11-20 10:00:00Z"

describe('interaction-required', () => {
  it('fires for AADSTS50076 sent as invalid_grant with suberror basic_action, and passes the claims on', () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["01234567-89ab-4cde-8f01-23456789abcd"]}}}'
    const result = run(tokenError({ error: 'invalid_grant', error_description: MFA_DESCRIPTION, error_codes: [50076], suberror: 'basic_action', claims }))
    assert.deepEqual(ids(result), ['interaction-required'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /basic_action/)
    assert.match(text, /capolids/)
    assert.match(text, /acquireTokenSilent/)
  })

  it('gives the same answer when the same code arrives as interaction_required', () => {
    const result = run(tokenError({ error: 'interaction_required', error_description: MFA_DESCRIPTION, error_codes: [50076] }))
    assert.deepEqual(ids(result), ['interaction-required'])
  })

  it('keys on suberror when the code is not an MFA code', () => {
    const result = run(tokenError({ error: 'invalid_grant', error_description: 'AADSTS99999: something', suberror: 'message_only' }))
    assert.deepEqual(ids(result), ['interaction-required'])
    assert.match(result.findings[0]!.detail, /only show an explanation/)
  })
})

describe('consent-missing', () => {
  it('gives the admin-consent URL for the tenant of the token request and its client id', () => {
    const exchange = tokenRequest(
      `https://login.microsoftonline.com/${FAKE_TENANT}/oauth2/v2.0/token`,
      `client_id=${FAKE_APP}&grant_type=authorization_code&code=secret-code&scope=Mail.Read`,
      { error: 'invalid_grant', error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${FAKE_APP}' named 'Contoso'.`, error_codes: [65001], suberror: 'consent_required' },
    )
    const finding = findingOf(run(exchange), 'consent-missing')
    assert.ok(finding.fix.some((step) => step.includes(`https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}`)))
    assert.ok(!textOf(finding).includes('secret-code'), 'the authorization code never reaches the output')
    assert.deepEqual(finding.actions, { consentUrl: `https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}` })
  })

  it('reads the client id from the error text of a bare body', () => {
    const result = run(tokenError({ error: 'invalid_client', error_description: `AADSTS90094: The grant requires admin permission. app '${FAKE_APP}'`, error_codes: [90094] }))
    assert.match(textOf(findingOf(result, 'consent-missing')), new RegExp(`client_id=${FAKE_APP}`))
  })

  it('AADSTS65002 (a Microsoft first-party client ID, msgraph-sdk-python#677): register an app; no consent step, URL or action', () => {
    const result = run(tokenError({ error: 'invalid_grant', error_description: "AADSTS65002: Consent between first party application '14d82eec-204b-4c2f-b7e8-296a70dab67e' and first party resource '00000003-0000-0000-c000-000000000000' must be configured via preauthorization.", error_codes: [65002] }))
    const finding = findingOf(result, 'consent-missing')
    assert.match(finding.detail, /first-party client ID/)
    assert.deepEqual(finding.fix.map((step) => step.slice(0, 40)), ['AADSTS65002: The app reuses a Microsoft '])
    assert.equal(finding.actions, undefined)
  })

  it('AADSTS650057: the registration lacks the API, so the fix is the registration and the admin consent after it, without a user-consent step', () => {
    const result = run(tokenError({ error: 'invalid_client', error_description: `AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: ${FAKE_APP}(Contoso).`, error_codes: [650057] }))
    const finding = findingOf(result, 'consent-missing')
    assert.match(finding.detail, /does not list/)
    assert.ok(!finding.fix.some((step) => step.includes('prompt=consent')))
    assert.ok(finding.fix.some((step) => step.startsWith('A tenant admin grants consent')))
  })

  it('fires for Graph\'s Authorization_IdentityNotFound with the token\'s tenant and app', () => {
    const exchange = call({ url: 'https://graph.microsoft.com/v1.0/users', token: appOnlyToken(), status: 401, body: graphError('Authorization_IdentityNotFound', 'The identity of the calling application could not be established.') })
    const result = run(exchange)
    assert.deepEqual(ids(result), ['consent-missing'])
    assert.match(result.findings[0]!.fix[0]!, new RegExp(`${FAKE_TENANT}/adminconsent\\?client_id=${FAKE_APP}`))
  })
})

describe('token-request-failed', () => {
  it('explains AADSTS7000215 as the secret value versus the secret ID', () => {
    const result = run(tokenError({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', error_codes: [7000215] }))
    assert.deepEqual(ids(result), ['token-request-failed'])
    assert.ok(result.findings[0]!.fix.some((step) => /VALUE/.test(step) && /secret ID/i.test(step)))
    assert.equal(result.findings[0]!.fix.filter((step) => step.includes('AADSTS7000215')).length, 1, 'the fix is given once, not twice')
  })

  it('reads a Conditional Access block (53003) as an admin matter even with interaction_required and message_only', () => {
    // Shape of the token-endpoint answer to a blocked sign-in; the code decides, not error or suberror.
    const description = 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-11-20 10:00:00Z'
    const result = run(tokenError({ error: 'interaction_required', error_description: description, error_codes: [53003], suberror: 'message_only' }))
    assert.deepEqual(ids(result), ['token-request-failed'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /only an admin can change the policy/)
    assert.doesNotMatch(text, /acquireTokenInteractive/)
  })

  it('keeps an MFA code next to nothing else as interaction-required (near miss of the 53003 block)', () => {
    const result = run(tokenError({ error: 'interaction_required', error_description: MFA_DESCRIPTION, error_codes: [50076], suberror: 'message_only' }))
    assert.deepEqual(ids(result), ['interaction-required'])
  })

  it('explains AADSTS9002326 (SPA code redemption for a Web redirect URI) and AADSTS900941 (admin consent) from graph-doctor\'s table', () => {
    const spa = run(tokenError({ error: 'invalid_request', error_description: "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.", error_codes: [9002326] }))
    assert.match(findingOf(spa, 'token-request-failed').fix[0] ?? '', /Single-page application/)
    const admin = run(tokenError({ error: 'invalid_grant', error_description: 'AADSTS900941: Administrator consent is required.', error_codes: [900941] }))
    assert.match(findingOf(admin, 'consent-missing').fix[0] ?? '', /^AADSTS900941: Admin consent is required/)
  })

  it('links the lookup page for a code graph-doctor does not know', () => {
    const result = run(tokenError({ error: 'invalid_request', error_description: 'AADSTS1234567: new code', error_codes: [1234567] }))
    assert.ok(result.findings[0]!.fix.some((step) => step.includes('AADSTS1234567') && step.includes('https://login.microsoftonline.com/error?code=1234567')))
  })

  it('never shows the client secret of the token request', () => {
    const exchange = tokenRequest(`https://login.microsoftonline.com/${FAKE_TENANT}/oauth2/v2.0/token`, `client_id=${FAKE_APP}&client_secret=Sup3r~Secret.Value&grant_type=client_credentials`, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] })
    const result = run(exchange)
    assert.ok(!JSON.stringify(result).includes('Sup3r~Secret.Value'))
  })
})

describe('token-personal-account at sign-in', () => {
  it('maps AADSTS500200 to token-personal-account', () => {
    const result = run(tokenError({ error: 'invalid_grant', error_description: "AADSTS500200: User account 'someone@outlook.com' is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization.", error_codes: [500200] }))
    assert.deepEqual(ids(result), ['token-personal-account'])
  })
})
