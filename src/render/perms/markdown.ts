/** Markdown output of `graph-doctor perms`, shaped like the permission tables of the Graph docs. Pure. */
import { inlineCode, markdownCell } from '../diagnosis/markdown.js'
import { SCHEME_LABELS, SCHEMES, type PermsReport, type TokenVerdict } from './report.js'
import { adminConsentLabel, describeFallback, detailRows, schemeCells } from './text.js'

/**
 * `graph-doctor perms --format markdown`.
 *
 * @example
 * io.stdout(renderPermsMarkdown(report))
 */
export function renderPermsMarkdown(report: PermsReport): string {
  const { endpoint } = report
  const lines = [`## ${inlineCode(`${report.method} ${endpoint.template}`)}`, '', `Request ${inlineCode(`${report.method} ${report.url}`)}, ${describeFallback(endpoint.fallback)}.`, '', `API version: ${report.apiVersion.version === undefined ? 'not given' : inlineCode(report.apiVersion.version)} (${report.apiVersion.note}).`]
  for (const note of endpoint.notes) lines.push('', `> ${note}`)
  lines.push('', '| Permission type | Least privileged permissions | Higher privileged permissions |', '|---|---|---|')
  for (const scheme of SCHEMES) {
    const cells = schemeCells(report, scheme)
    lines.push(`| ${SCHEME_LABELS[scheme]} | ${markdownCell(cells.least)} | ${markdownCell(cells.higher)} |`)
  }
  const details = detailRows(report)
  if (details.length > 0) {
    const hasAlso = details.some((row) => row.alsoRequires.length > 0)
    lines.push('', `| Permission | Type | Admin consent | GUID |${hasAlso ? ' Also requires |' : ''}`, `|---|---|---|---|${hasAlso ? '---|' : ''}`)
    for (const row of details) {
      const kind = row.scheme === 'Application' ? 'Application' : 'Delegated'
      const also = row.alsoRequires.length > 0 ? markdownCell(`one of ${row.alsoRequires.join(', ')}`) : ''
      lines.push(`| ${markdownCell(row.name)} | ${kind} | ${adminConsentLabel(row)} | ${row.id === undefined ? 'unknown' : inlineCode(row.id)} |${hasAlso ? ` ${also} |` : ''}`)
    }
  }
  if (report.token !== undefined) lines.push('', ...tokenMarkdown(report.token))
  return `${lines.join('\n')}\n`
}

function tokenMarkdown(token: TokenVerdict): string[] {
  const held = token.permissions.length === 0 ? '(none)' : token.permissions.map(inlineCode).join(' ')
  const kind = token.kind === 'delegated' ? `delegated, ${token.account} account` : token.kind
  const lines = ['### Token', '', `- Kind: ${kind}`]
  if (token.tenantId !== undefined) lines.push(`- Tenant: ${inlineCode(token.tenantId)}`)
  if (token.appId !== undefined) lines.push(`- App: ${inlineCode(token.appId)}`)
  lines.push(`- ${token.kind === 'app-only' ? 'Roles' : 'Scopes'}: ${held}`, '', `**${token.isEnough ? '✔ Enough' : '✖ Not enough'}**: ${token.reasons.join('; ')}.`)
  if (token.switchTo !== undefined) lines.push('', `Use ${SCHEME_LABELS[token.switchTo.scheme].toLowerCase()} instead: least privileged ${inlineCode(token.switchTo.permission)}.`)
  const advice = token.advice
  if (advice === undefined) return lines
  const others = advice.alternatives.length > 0 ? ` (or any of ${advice.alternatives.map(inlineCode).join(', ')})` : ''
  lines.push('', '### To fix', '', `1. Add ${inlineCode(advice.add.name)}${others}. Admin consent: ${advice.needsAdminConsent ? 'needed' : 'not needed'}.`)
  if (advice.grant.adminConsentUrl !== undefined) lines.push(`2. Admin-consent URL: <${advice.grant.adminConsentUrl}>`)
  lines.push('', 'Azure CLI:', '', '```sh', ...advice.grant.azureCli, '```', '', 'Microsoft Graph PowerShell:', '', '```powershell', ...advice.grant.powershell, '```')
  return lines
}
