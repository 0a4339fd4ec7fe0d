/** Terminal and Markdown layouts of the `graph-doctor token` report. */
import type { TokenAnalysis } from '../core/token/types.js'
import { inlineCode, markdownCell } from './markdown.js'
import { makeStyle, type Style } from './style.js'
import { describeTokenTime, displayHeader, finishTokenOutput, isoTime, tokenHeadline, type TokenReport } from './token.js'

/** The labelled facts of a token, in display order; absent facts are left out. */
export function tokenFacts(analysis: TokenAnalysis): Array<[label: string, value: string]> {
  const list = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(' '))
  const audience = analysis.audience === undefined ? undefined : `${analysis.audience.name} (${analysis.audience.value})`
  const app = analysis.appId === undefined ? analysis.appName : `${analysis.appName === undefined ? '' : `${analysis.appName} `}(${analysis.appId})`
  const roles = analysis.directoryRoles.map((role) => role.name ?? role.id)
  const facts: Array<[string, string | undefined]> = [
    ['Audience', audience],
    ['Tenant', analysis.tenantId],
    ['App', app],
    ['User', analysis.user],
    ['Scopes (scp)', analysis.form === 'jwt' ? list(analysis.scopes) : undefined],
    ['Roles (roles)', analysis.form === 'jwt' ? list(analysis.roles) : undefined],
    ['Directory roles (wids)', analysis.form === 'jwt' ? (roles.length === 0 ? '(none)' : roles.join(', ')) : undefined],
    ['Client capabilities (xms_cc)', analysis.clientCapabilities.length > 0 ? list(analysis.clientCapabilities) : undefined],
    ['Auth contexts (acrs)', analysis.authContexts.length > 0 ? list(analysis.authContexts) : undefined],
    ['Auth methods (amr)', analysis.authMethods.length > 0 ? list(analysis.authMethods) : undefined],
    ['Issued (iat)', isoTime(analysis.issuedAt)],
    ['Not before (nbf)', isoTime(analysis.notBefore)],
    ['Expires (exp)', isoTime(analysis.expiresAt)],
  ]
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined)
}

function aligned(rows: ReadonlyArray<readonly [string, string]>, style: Style, indentBy = '  '): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${indentBy}${style.dim(label.padEnd(width))}  ${value}`)
}

/**
 * The token report for a terminal.
 *
 * @example
 * io.stdout(renderTokenText(report, { colour: false }))
 */
export function renderTokenText(report: TokenReport, options: { readonly colour: boolean }): string {
  const style = makeStyle(options.colour)
  const { analysis, time } = report
  const timeLine = describeTokenTime(analysis, time)
  const timeStyled = time.state === 'valid' ? style.green(timeLine) : time.state === 'unknown' ? timeLine : style.red(timeLine)
  const lines = [style.bold(tokenHeadline(analysis)), ...aligned(tokenFacts(analysis), style), `  ${timeStyled}`]
  const header: Array<[string, string]> = Object.entries(displayHeader(analysis))
  if (analysis.signatureLength !== undefined) header.push(['signature', `${analysis.signatureLength} chars (not shown, not verified)`])
  if (header.length > 0) lines.push('', style.bold('Header'), ...aligned(header, style))
  if (report.claims.length > 0) {
    const width = Math.max(...report.claims.map((claim) => claim.claim.length))
    lines.push('', style.bold('Claims'))
    for (const claim of report.claims) lines.push(`  ${style.bold(claim.claim.padEnd(width))}  ${claim.value}  ${style.dim(`— ${claim.meaning}`)}`)
  }
  return finishTokenOutput(lines.join('\n'))
}

/** The token report as Markdown, for an issue or a ticket. */
export function renderTokenMarkdown(report: TokenReport): string {
  const { analysis, time } = report
  const lines = ['# graph-doctor token analysis', '', `**${tokenHeadline(analysis)}**`, '', describeTokenTime(analysis, time), '']
  const facts = tokenFacts(analysis)
  if (facts.length > 0) lines.push('| Fact | Value |', '|---|---|', ...facts.map(([label, value]) => `| ${label} | ${markdownCell(value)} |`), '')
  const header = Object.entries(displayHeader(analysis))
  if (analysis.signatureLength !== undefined) header.push(['signature', `${analysis.signatureLength} chars (not shown, not verified)`])
  if (header.length > 0) {
    lines.push('## Header', '', '| Field | Value |', '|---|---|', ...header.map(([name, value]) => `| ${inlineCode(name)} | ${markdownCell(value)} |`), '')
  }
  if (report.claims.length > 0) {
    lines.push('## Claims', '', '| Claim | Value | Meaning |', '|---|---|---|')
    lines.push(...report.claims.map((claim) => `| ${inlineCode(claim.claim)} | ${markdownCell(claim.value)} | ${markdownCell(claim.meaning)} |`))
  }
  return finishTokenOutput(lines.join('\n'))
}
