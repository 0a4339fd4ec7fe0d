import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { errorBodyEvidence, graphMessage, isApiCall, isFailed, statusEvidence } from '../facts.js'
import type { Rule } from '../rule.js'

const COMPACT_TOKEN = /CompactToken parsing failed(?: with error code: ?(-?[0-9A-Fa-f]+))?/i
/**
 * IdentityModel's words when the bearer value is no JWT at all (microsoftgraph/microsoft-graph-docs-contrib#8457,
 * MaikuB/flutter_appauth#575): IDX14100 "JWT is not well formed, there are no dots", IDX14120 "only one dot",
 * IDX12709/IDX12741 "JWT … must have three segments".
 */
const NOT_A_JWT = /\bIDX1(?:4100|4120|2709|2741)\b|JWT is not well formed/i

/** The Authorization header holds something that is not a usable access token. */
export const tokenMalformed: Rule = {
  id: 'token-malformed',
  check(ctx) {
    if (!isApiCall(ctx) || !isFailed(ctx) || ctx.auth.state === 'empty') return []
    // Without the header in the input (a pasted error), Graph's own words still say what it received.
    if (ctx.auth.state === 'absent' && !(headerUnseen(ctx) && saysUnparseable(ctx))) return []
    const problems = problemsOf(ctx)
    if (problems.length === 0) return []
    return [finding(ctx, problems)]
  },
}

function problemsOf(ctx: AnalysisContext): string[] {
  const problems: string[] = []
  if (ctx.auth.state === 'present' && ctx.auth.problem !== undefined) problems.push(ctx.auth.problem)
  if (ctx.token?.form === 'malformed') problems.push(ctx.token.problem ?? 'not a decodable token')
  if (problems.length === 0 && !isExplainedByAccount(ctx) && COMPACT_TOKEN.test(graphMessage(ctx))) {
    problems.push('Graph could not parse the token ("CompactToken parsing failed")')
  }
  // With the token in view, its form is known: a well-formed JWT refused with IDX14100 is token-rejected
  // (IdentityModel gave IDX14100 for other validation failures too: AzureAD/…-identitymodel-extensions-for-dotnet#2618).
  if (problems.length === 0 && headerUnseen(ctx) && NOT_A_JWT.test(graphMessage(ctx))) {
    problems.push('Graph could not read the value as a JWT ("JWT is not well formed"): not three base64url parts joined by dots')
  }
  return problems
}

/** The input shows no request headers: a bare body or a pasted SDK or PowerShell error. */
function headerUnseen(ctx: AnalysisContext): boolean {
  const request = ctx.exchange.request
  return request === undefined || request.headersOmitted === true
}

function saysUnparseable(ctx: AnalysisContext): boolean {
  const message = graphMessage(ctx)
  return COMPACT_TOKEN.test(message) || NOT_A_JWT.test(message)
}

/**
 * Graph answers an opaque personal-account token on an organisation-only API with "CompactToken parsing
 * failed"; token-personal-account explains that. Where the catalogue says personal accounts are supported,
 * the opaque string itself is the problem.
 */
function isExplainedByAccount(ctx: AnalysisContext): boolean {
  return ctx.token?.form === 'opaque' && ctx.permissions?.endpoint?.schemes.DelegatedPersonal === undefined
}

function finding(ctx: AnalysisContext, problems: string[]): Finding {
  const items: Evidence[] = []
  if (ctx.auth.state === 'present') {
    items.push(evidence('header', 'Authorization', `${ctx.auth.scheme} (${ctx.auth.token.length} chars)`, ctx.auth.problem))
  }
  if (ctx.token?.form === 'malformed') items.push(evidence('token', 'form', 'malformed', ctx.token.problem))
  const code = COMPACT_TOKEN.exec(graphMessage(ctx))?.[1]
  if (code !== undefined) items.push(evidence('body', 'error.message', `CompactToken error code ${code}`, codeNote(code)))
  return makeFinding('token-malformed', {
    detail: `What was sent is not a usable access token: ${problems.join('; ')}.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: fixesFor(problems),
  })
}

function codeNote(code: string): string {
  if (code === '80049217' || code === '-2147184105') return '0x80049217 (= -2147184105): the token string could not be parsed'
  if (code.toUpperCase() === '8004920A') return '0x8004920A: the token is in a format Graph does not accept'
  return 'Graph could not parse the token'
}

function fixesFor(problems: readonly string[]): string[] {
  const text = problems.join(' ').toLowerCase()
  const fixes: string[] = []
  if (text.includes('twice') || text.includes('bearer bearer')) {
    fixes.push('Send exactly one scheme: `Authorization: Bearer <token>`. The code adds "Bearer " to a value that already starts with it (MSAL and most SDKs return the bare token; some helpers return the whole header value).')
  }
  if (text.includes('quote')) fixes.push('Remove the quotes around the token: send the bare `access_token` value.')
  if (text.includes('whitespace') || text.includes('newline')) {
    fixes.push('Remove whitespace and line breaks from the token (a copy from a terminal or a wrapped config value).')
  }
  if (text.includes('scheme') || text.includes('basic')) fixes.push('Microsoft Graph accepts only the Bearer scheme: `Authorization: Bearer <token>`.')
  if (text.includes('part') || text.includes('truncat') || text.includes('base64') || text.includes('json')) {
    fixes.push('Send the complete `access_token` value, unchanged: a JWT is three base64url parts joined by dots. Look for truncation (log or config length limits, copy-paste) or editing.')
  }
  fixes.push('Send the `access_token` of the token response, not the `id_token`, the authorization code, the refresh token or the client secret.')
  if (text.includes('not well formed')) {
    fixes.push('A personal Microsoft account (outlook.com, hotmail.com) gets opaque Graph tokens without dots: only APIs that list "Delegated (personal Microsoft account)" take them; sign in with a work or school account for the others.')
    fixes.push('If what you sent is a complete JWT (three parts), give graph-doctor the whole call (a HAR or curl -v capture) or check it with `graph-doctor token`: Graph has also given this message for other validation failures.')
  }
  return fixes
}
