import { aadstsErrorUrl } from '../../aadsts.js'
import type { AnalysisContext } from '../../context.js'
import { makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { aadstsEvidence, aadstsLinks, aadstsFixes, classifyTokenError, requestClientId, requestGrantType, tokenErrorEvidence } from './token-endpoint-class.js'
import { retiredClientOf } from './retired-clients.js'
import type { Rule } from '../rule.js'

/** Any other token-endpoint error: the AADSTS code, its name, category and our one-line fix. */
export const tokenRequestFailed: Rule = {
  id: 'token-request-failed',
  check(ctx) {
    if (classifyTokenError(ctx) !== 'token-request-failed') return []
    return [finding(ctx)]
  },
}

function finding(ctx: AnalysisContext): Finding {
  const error = ctx.tokenError
  const codes = error?.codes ?? []
  const named = ctx.aadsts.map((entry) => `AADSTS${entry.code}${entry.name === undefined || entry.name === '' ? '' : ` (${entry.name})`}`)
  const summary = named.length > 0 ? named.join(', ') : codes.length > 0 ? codes.map((code) => `AADSTS${code}`).join(', ') : error === undefined || error.error === '' ? 'a sign-in error' : `"${error.error}"`
  const grant = requestGrantType(ctx)
  const unknown = codes.filter((code) => !ctx.aadsts.some((entry) => entry.code === code))
  return makeFinding('token-request-failed', {
    detail: `The token endpoint refused to issue a token: ${summary}${grant === undefined ? '' : ` (grant_type ${grant})`}. ${retiredClientOf(requestClientId(ctx))?.detail ?? 'No call to Graph can work until this is fixed.'}`,
    evidence: [...tokenErrorEvidence(ctx), ...aadstsEvidence(ctx)],
    links: aadstsLinks(ctx),
    fix: [...aadstsFixes(ctx), ...resourceNamed(ctx), ...defaultMixed(ctx), ...specialFixes(unknown), ...genericFixes(ctx, unknown)],
  })
}

const RESOURCE_NAMED = /resource principal named (\S{1,300}) was not found/i
const GRAPH_WITH_PATH = /^https:\/\/(?:graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn)\/[^\s/]/i

/** AADSTS500011 naming Graph's host with a path ("https://graph.microsoft.com/v1.0"): the version went into the scope. */
function resourceNamed(ctx: AnalysisContext): string[] {
  const named = RESOURCE_NAMED.exec(ctx.tokenError?.description ?? '')?.[1]
  if (named === undefined || !GRAPH_WITH_PATH.test(named)) return []
  const host = new URL(named).origin
  return [`The request named the resource ${named}, but Graph's resource is ${host} alone: ask for the scope \`${host}/.default\` (or ${host}/User.Read and the like; v1 endpoint: resource=${host}). The API version belongs in the call's URL, not in the scope.`]
}

const DEFAULT_MIXED = /\/\.default[ +]{1,5}[A-Za-z]|[A-Za-z][ +]{1,5}https:\/\/[^\s']{1,200}\/\.default/

/** A scope list that puts /.default beside other scopes (AADSTS70011, 28002 and the like quote it). */
function defaultMixed(ctx: AnalysisContext): string[] {
  const description = ctx.tokenError?.description ?? ''
  if (!/invalid_scope/i.test(ctx.tokenError?.error ?? '') || !DEFAULT_MIXED.test(description)) return []
  // The table's own fix may say it already (AADSTS70011).
  if (ctx.aadsts.some((entry) => entry.fix.includes('mix a /.default'))) return []
  return ['The scope list puts /.default beside other scopes: /.default stands alone. Client credentials: send only `https://graph.microsoft.com/.default` (no offline_access, openid or named permissions); signed in as a user, ask either for /.default or for named permissions, not both.']
}

/** Fallbacks for codes the AADSTS table does not know; a known code already carries its one-line fix. */
function specialFixes(codes: readonly number[]): string[] {
  const fixes: string[] = []
  if (codes.includes(7000215)) {
    fixes.push('AADSTS7000215: send the client secret\'s VALUE (shown only once, when the secret was created), not its "Secret ID" GUID. If the value is lost, create a new secret under Certificates & secrets and store its value.')
  }
  if (codes.includes(7000222)) fixes.push('AADSTS7000222: the client secret has expired: create a new one and update the app\'s configuration (or switch to a certificate or managed identity).')
  return fixes
}

function genericFixes(ctx: AnalysisContext, unknown: readonly number[]): string[] {
  const fixes = unknown.map((code) => `AADSTS${code} is not in graph-doctor's table: look it up at ${aadstsErrorUrl(code)}`)
  if ((ctx.tokenError?.codes ?? []).length > 0) return fixes
  // A personal-account sign-in (login.live.com) names the parameter in words instead of an AADSTS code.
  if (/\binput parameter 'redirect_uri' is not valid\b/.test(ctx.tokenError?.description ?? '')) {
    fixes.push('The redirect URI the app sent is not registered for it: add it exactly (scheme, host, port, path, trailing slash) under App registration > Authentication, on the platform the app is (Web, Single-page application, or Mobile and desktop), or change the app to send a registered one.')
  } else {
    const name = ctx.tokenError?.error ?? ''
    fixes.push(`${name === '' ? 'The error' : `The error "${name}"`} came without an AADSTS code: read error_description, and check the authority, client id, redirect URI and scopes of the token request.`)
  }
  return fixes
}
