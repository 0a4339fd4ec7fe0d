/** Terminal and Markdown layouts of the `graph-doctor token` report. */
import { appendAll } from '../diagnosis/writer.js'
import type { TokenAnalysis, TokenTimeJudgement } from '../../core/token/types.js'
import { inlineCode, markdownCell } from '../diagnosis/markdown.js'
import { makeStyle, type Style } from '../layout/style.js'
import { describeTokenTime, displayHeader, finishTokenOutput, isoTime, tokenHeadline, type TokenReport } from './json.js'
import { DEFAULT_WIDTH, outputWidth, visibleLength, wrapText } from '../layout/wrap.js'

const SIGN_IN_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access'])

function kindText(analysis: TokenAnalysis): string {
  const account = { work: 'work or school account', personal: 'personal Microsoft account', unknown: 'account type unknown' }[analysis.account]
  if (analysis.isIdToken) return `ID token of a sign-in (${account}): not for calling APIs`
  if (analysis.kind === 'delegated') return `delegated: acts for a signed-in user, ${account}`
  if (analysis.kind === 'app-only') return 'app-only: application permissions, no signed-in user'
  return 'unknown: the token holds neither scp nor roles'
}

function permissionsText(analysis: TokenAnalysis): string {
  const scopes = analysis.scopes.filter((name) => !SIGN_IN_SCOPES.has(name.toLowerCase()))
  const signIn = analysis.scopes.filter((name) => SIGN_IN_SCOPES.has(name.toLowerCase()))
  const scp = `${scopes.length === 0 ? 'none' : scopes.join(' ')} (scp${signIn.length === 0 ? '' : `; sign-in only: ${signIn.join(' ')}`})`
  const roles = `${analysis.roles.length === 0 ? 'none' : analysis.roles.join(' ')} (roles)`
  if (analysis.kind === 'app-only') return roles
  if (analysis.kind === 'delegated') return analysis.roles.length === 0 ? scp : `${scp}; app roles of the user: ${roles}`
  return `${scp}; ${roles}`
}

/** When the token is valid until, and what that means at the judged time. */
export function validityText(analysis: TokenAnalysis, time: TokenTimeJudgement): string {
  const exp = isoTime(analysis.expiresAt)
  if (exp === undefined) return describeTokenTime(analysis, time)
  if (time.state === 'expired') return describeTokenTime(analysis, time)
  return `${exp}: ${describeTokenTime(analysis, time)}`
}

/**
 * The labelled facts of a token, in display order: first which kind, which permissions and until
 * when; then tenant, app, user, roles, capabilities and times. Absent facts are left out.
 */
export function tokenFacts(analysis: TokenAnalysis, time: TokenTimeJudgement): Array<[label: string, value: string]> {
  const list = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(' '))
  const app = analysis.appId === undefined ? analysis.appName : `${analysis.appName === undefined ? '' : `${analysis.appName} `}(${analysis.appId})`
  const roles = analysis.directoryRoles.map((role) => role.name ?? role.id)
  const isJwt = analysis.form === 'jwt'
  const capabilities = analysis.clientCapabilities
  const hasCp1 = capabilities.some((value) => value.toLowerCase() === 'cp1')
  const facts: Array<[string, string | undefined]> = [
    ['Kind', isJwt ? kindText(analysis) : undefined],
    ['Permissions', isJwt ? permissionsText(analysis) : undefined],
    ['Valid until', isJwt ? validityText(analysis, time) : undefined],
    ['Tenant', analysis.tenantId],
    ['App', app],
    ['User', analysis.user],
    ['Admin roles (wids)', isJwt ? (roles.length === 0 ? '(none)' : roles.join(', ')) : undefined],
    ['Capabilities (xms_cc)', capabilities.length > 0 ? `${list(capabilities)}${hasCp1 ? ': handles claims challenges (CAE)' : ''}` : undefined],
    ['Auth contexts (acrs)', analysis.authContexts.length > 0 ? list(analysis.authContexts) : undefined],
    ['Auth methods (amr)', analysis.authMethods.length > 0 ? list(analysis.authMethods) : undefined],
    ['Issued (iat)', isoTime(analysis.issuedAt)],
    ['Not before (nbf)', isoTime(analysis.notBefore)],
  ]
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined)
}

/** Fewer columns than this beside a label (a narrow terminal), and the value goes on the lines below it. */
const MIN_VALUE_COLUMNS = 24

/** `label  value` rows with the values aligned, or, when that leaves too little room, each value under its label. */
function labelled(label: string, value: string, labelWidth: number, width: number): string[] {
  if (width - labelWidth - 4 < MIN_VALUE_COLUMNS) return [`  ${label}`, ...wrapText(value, { width, first: '    ', rest: '    ' })]
  return wrapText(value, { width, first: `  ${label}${' '.repeat(labelWidth - visibleLength(label))}  `, rest: ' '.repeat(labelWidth + 4) })
}

function aligned(rows: ReadonlyArray<readonly [string, string]>, style: Style, width: number, paint: (label: string, value: string) => string = (_label, value) => value): string[] {
  const labelWidth = Math.max(0, ...rows.map(([label]) => label.length))
  return rows.flatMap(([label, value]) => labelled(style.dim(label), paint(label, value), labelWidth, width))
}

/**
 * The token report for a terminal, wrapped to `width` (default 80).
 *
 * @example
 * io.stdout(renderTokenText(report, { colour: false, width: 100 }))
 */
export function renderTokenText(report: TokenReport, options: { readonly colour: boolean; readonly width?: number }): string {
  const style = makeStyle(options.colour)
  const width = outputWidth(options.width ?? DEFAULT_WIDTH)
  const { analysis, time } = report
  const paintTime = (label: string, value: string): string => (label !== 'Valid until' || time.state === 'unknown' ? value : time.state === 'valid' ? style.green(value) : style.red(value))
  const lines = [...wrapText(style.bold(tokenHeadline(analysis)), { width, rest: '  ' }), ...aligned(tokenFacts(analysis, time), style, width, paintTime)]
  if (analysis.form !== 'jwt') lines.push(...wrapText(describeTokenTime(analysis, time), { width, first: '  ', rest: '  ' }))
  const header: Array<[string, string]> = Object.entries(displayHeader(analysis))
  if (analysis.signatureLength !== undefined) header.push(['signature', `${analysis.signatureLength} chars (not shown, not verified)`])
  if (header.length > 0) lines.push('', style.bold('Header'), ...aligned(header, style, width))
  if (report.claims.length > 0) {
    const claimWidth = report.claims.reduce((widest, claim) => Math.max(widest, claim.claim.length), 0)
    lines.push('', style.bold('Claims'))
    for (const claim of report.claims) {
      const text = `${claim.value} ${style.dim(`— ${claim.meaning}`)}`
      if (width - claimWidth - 6 < MIN_VALUE_COLUMNS) appendAll(lines, labelled(style.bold(claim.claim), text, claimWidth, width))
      else appendAll(lines, wrapText(text, { width, first: `  ${style.bold(claim.claim.padEnd(claimWidth))}  `, rest: ' '.repeat(claimWidth + 6) }))
    }
  }
  return finishTokenOutput(lines.join('\n'))
}

/** The token report as Markdown, for an issue or a ticket. */
export function renderTokenMarkdown(report: TokenReport): string {
  const { analysis, time } = report
  const lines = ['# graph-doctor token analysis', '', `**${tokenHeadline(analysis)}**`, '']
  if (analysis.form !== 'jwt') lines.push(describeTokenTime(analysis, time), '')
  const facts = tokenFacts(analysis, time)
  if (facts.length > 0) lines.push('| Fact | Value |', '|---|---|', ...facts.map(([label, value]) => `| ${label} | ${markdownCell(value)} |`), '')
  const header = Object.entries(displayHeader(analysis))
  if (analysis.signatureLength !== undefined) header.push(['signature', `${analysis.signatureLength} chars (not shown, not verified)`])
  if (header.length > 0) {
    lines.push('## Header', '', '| Field | Value |', '|---|---|', ...header.map(([name, value]) => `| ${inlineCode(name)} | ${markdownCell(value)} |`), '')
  }
  if (report.claims.length > 0) {
    lines.push('## Claims', '', '| Claim | Value | Meaning |', '|---|---|---|')
    for (const claim of report.claims) lines.push(`| ${inlineCode(claim.claim)} | ${markdownCell(claim.value)} | ${markdownCell(claim.meaning)} |`)
  }
  return finishTokenOutput(lines.join('\n'))
}
