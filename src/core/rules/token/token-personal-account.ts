import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { claimEvidence, errorBodyEvidence, graphMessage, isFailed, requestSubject, statusEvidence } from '../facts.js'
import { LIFETIME_MESSAGE } from './token-expired.js'
import { aadstsEvidence, aadstsFixes, aadstsLinks, classifyTokenError, tokenErrorEvidence } from '../sign-in/token-endpoint-class.js'
import type { Rule } from '../rule.js'

/** A personal Microsoft account token on a work-or-school-only API, or AADSTS500200 and its kin at sign-in. */
export const tokenPersonalAccount: Rule = {
  id: 'token-personal-account',
  check(ctx) {
    if (classifyTokenError(ctx) === 'token-personal-account') return [signInFinding(ctx)]
    if (ctx.area !== 'graph' || ctx.token?.account !== 'personal' || !isFailed(ctx)) return []
    if (!PERSONAL_ACCOUNT_STATUSES.has(ctx.status ?? 0) && ctx.status !== null) return []
    if (isOutsideLifetime(ctx)) return []
    const endpoint = ctx.permissions?.endpoint
    if (endpoint?.schemes.DelegatedPersonal !== undefined) return []
    return [graphFinding(ctx)]
  },
}

/** Statuses Graph answers personal accounts on organisation-only APIs with (bodies are inconsistent). */
const PERSONAL_ACCOUNT_STATUSES = new Set([400, 401, 403, 405, 500])

/** An expired token explains a failure with certainty; the account type is then a later question. */
function isOutsideLifetime(ctx: AnalysisContext): boolean {
  const state = ctx.tokenTime?.state
  return state === 'expired' || state === 'not-yet-valid' || LIFETIME_MESSAGE.test(graphMessage(ctx))
}

const ACCOUNT_FIXES = [
  'Sign in with a work or school account (a Microsoft Entra ID user): this API serves organisational data only.',
  'If the app must also serve personal accounts, call only APIs whose permission table lists "Delegated (personal Microsoft account)" as supported, and branch on the account type (tid 9188040d-6c67-4c5b-b112-36a304b66dad is the personal-account tenant).',
  'If the app is for organisations only, sign in through the `organizations` authority (or your tenant\'s) instead of `common`, so personal accounts cannot sign in at all; set the app registration\'s supported account types to match.',
]

function graphFinding(ctx: AnalysisContext): Finding {
  const token = ctx.token
  const items: Evidence[] = []
  if (token?.form === 'opaque') {
    items.push(evidence('token', 'form', `opaque (not a JWT, ${token.length} chars)`, 'personal-account tokens for Graph are usually opaque'))
  } else {
    items.push(...claimEvidence(token, 'tid', 'the personal Microsoft account (consumers) tenant'))
    items.push(...claimEvidence(token, 'idp'))
  }
  const endpoint = ctx.permissions?.endpoint
  if (endpoint !== undefined) {
    items.push(evidence('catalogue', 'DelegatedPersonal', 'not supported', `${endpoint.method} ${endpoint.template}`))
  }
  const supportNote = endpoint === undefined
    ? 'Most organisational APIs (directory, Teams, SharePoint sites, most of Exchange admin) do not accept personal accounts, and Graph answers with inconsistent errors (401, 403, 405 or even 500).'
    : `The permission catalogue says ${endpoint.method} ${endpoint.template} does not support personal Microsoft accounts.`
  return makeFinding('token-personal-account', {
    detail: `${requestSubject(ctx)} was called with a personal Microsoft account token. ${supportNote}`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: ACCOUNT_FIXES,
  })
}

function signInFinding(ctx: AnalysisContext): Finding {
  const codes = ctx.tokenError?.codes ?? []
  const fixes = aadstsFixes(ctx)
  return makeFinding('token-personal-account', {
    detail: `Sign-in failed because a personal Microsoft account tried to use an app or tenant that accepts work or school accounts only (${codes.map((code) => `AADSTS${code}`).join(', ')}).`,
    evidence: [...tokenErrorEvidence(ctx), ...aadstsEvidence(ctx)],
    links: aadstsLinks(ctx),
    fix: [
      ...fixes,
      'Use a work or school account, or invite the personal account as a guest of the tenant and sign in through the tenant-specific authority (https://login.microsoftonline.com/<tenant-id>), not `common` or `consumers`.',
      'If personal accounts should be allowed, change the app registration\'s supported account types to include personal Microsoft accounts (signInAudience AzureADandPersonalMicrosoftAccount).',
    ],
  })
}
