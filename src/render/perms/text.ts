/** Terminal output of `graph-doctor perms`, and the cells shared with the other formats. Pure. */
import type { MatchFallback } from '../../core/permissions/types.js'
import type { PermissionScheme } from '../../core/types.js'
import { rowsOf, SCHEME_LABELS, SCHEMES, type PermissionRow, type PermsReport, type TokenVerdict } from './report.js'
import { makeStyle, type Style } from '../layout/style.js'
import { DEFAULT_WIDTH, outputWidth, wrapText } from '../layout/wrap.js'

const FALLBACK_LABELS: Readonly<Record<string, string>> = {
  none: 'matched directly',
  'me-to-users': 'matched /me as /users/{id}',
  'users-to-me': 'matched /users/{id} as /me',
  'drive-alias': 'matched through a drive alias',
  'drive-root-item': 'matched the drive root as items/{id}',
  'cast-stripped': 'matched after removing a type cast',
  'odata-segment-stripped': 'matched after removing an OData segment',
} satisfies Record<MatchFallback, string>

/** How the request was mapped onto the template, in words. */
export function describeFallback(fallback: string): string {
  return FALLBACK_LABELS[fallback] ?? `matched by ${fallback}`
}

/** `least` / `higher` cells of a scheme, as in the docs tables. */
export function schemeCells(report: PermsReport, scheme: PermissionScheme): { least: string; higher: string } {
  const rows = rowsOf(report, scheme)
  const least = rows.filter((row) => row.isLeast)
  const leastRows = least.length > 0 ? least : rows.slice(0, 1)
  const higher = rows.filter((row) => !leastRows.includes(row))
  if (rows.length === 0) return { least: 'Not supported.', higher: 'Not supported.' }
  return { least: leastRows.map((row) => row.name).join(', '), higher: higher.length === 0 ? 'Not available.' : higher.map((row) => row.name).join(', ') }
}

/** `yes`, `no` or `unknown`: application permissions always need an administrator. */
export function adminConsentLabel(row: PermissionRow): string {
  if (row.scheme === 'Application') return 'yes'
  if (row.requiresAdminConsent === undefined) return 'unknown'
  return row.requiresAdminConsent ? 'yes' : 'no'
}

/** One row per distinct (permission, kind), for the GUID and consent table. */
export function detailRows(report: PermsReport): PermissionRow[] {
  const seen = new Set<string>()
  return report.rows.filter((row) => {
    const key = `${row.scheme === 'Application' ? 'app' : 'delegated'}:${row.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function aligned(rows: ReadonlyArray<readonly [string, string]>, style: Style, width: number): string[] {
  const labelWidth = Math.max(0, ...rows.map(([label]) => label.length))
  const rest = ' '.repeat(labelWidth + 4)
  return rows.flatMap(([label, value]) => wrapText(value, { width, first: `  ${style.dim(label.padEnd(labelWidth))}  `, rest }))
}

/** A line of prose wrapped under its own indent, continuation lines two further. */
function hanging(line: string, width: number): string[] {
  const indent = /^ */.exec(line)?.[0] ?? ''
  return wrapText(line.slice(indent.length), { width, first: indent, rest: `${indent}  ` })
}

/**
 * The GUID and consent table in aligned columns: one line per permission when every row fits the width,
 * else each GUID on the line below its permission; only a terminal too narrow for the columns
 * themselves gets each row wrapped as prose.
 */
function detailLines(details: readonly PermissionRow[], width: number): string[] {
  const nameWidth = Math.max(...details.map((row) => row.name.length))
  const consentWidth = Math.max(...details.map((row) => adminConsentLabel(row).length))
  const rows = details.map((row) => {
    const kind = row.scheme === 'Application' ? 'application' : 'delegated'
    const also = row.alsoRequires.length > 0 ? `  also requires one of: ${row.alsoRequires.join(', ')}` : ''
    return { head: `  ${row.name.padEnd(nameWidth)}  ${kind.padEnd(11)}  admin consent ${adminConsentLabel(row).padEnd(consentWidth)}`, id: row.id ?? '(GUID unknown)', also }
  })
  if (rows.every((row) => row.head.length + 2 + row.id.length + row.also.length <= width)) return rows.map((row) => `${row.head}  ${row.id}${row.also}`)
  if (rows.every((row) => row.head.trimEnd().length <= width)) return rows.flatMap((row) => [row.head.trimEnd(), ...hanging(`    ${row.id}${row.also}`, width)])
  return rows.flatMap((row) => hanging(`${row.head} ${row.id}${row.also}`, width))
}

/**
 * `graph-doctor perms` for a terminal.
 *
 * @example
 * io.stdout(renderPermsText(report, { colour: false, width: 100 }))
 */
export function renderPermsText(report: PermsReport, options: { readonly colour: boolean; readonly width?: number }): string {
  const style = makeStyle(options.colour)
  const width = outputWidth(options.width ?? DEFAULT_WIDTH)
  const { endpoint } = report
  const lines = hanging(`${style.bold(`${report.method} ${endpoint.template}`)}  ${style.dim(`(${describeFallback(endpoint.fallback)})`)}`, width)
  lines.push(...hanging(`  ${style.dim('API version')} ${report.apiVersion.version ?? 'not given'} (${report.apiVersion.note})`, width))
  for (const note of endpoint.notes) lines.push(...hanging(`  ${style.dim('note:')} ${note}`, width))
  for (const scheme of SCHEMES) {
    const cells = schemeCells(report, scheme)
    lines.push('', style.bold(SCHEME_LABELS[scheme]), ...aligned([['Least privileged', cells.least], ['Higher privileged', cells.higher]], style, width))
  }
  const details = detailRows(report)
  if (details.length > 0) lines.push('', style.bold('Permissions'), ...detailLines(details, width))
  if (report.token !== undefined) lines.push('', ...tokenLines(report.token, style, width))
  return `${lines.join('\n')}\n`
}

function tokenLines(token: TokenVerdict, style: Style, width: number): string[] {
  const kind = token.kind === 'app-only' ? 'app-only' : token.kind === 'delegated' ? `delegated, ${token.account} account` : 'unknown kind'
  const facts: Array<[string, string]> = [['Kind', kind]]
  if (token.audience !== undefined) facts.push(['Audience', token.audience])
  if (token.tenantId !== undefined) facts.push(['Tenant', token.tenantId])
  if (token.appId !== undefined) facts.push(['App', token.appId])
  facts.push([token.kind === 'app-only' ? 'Roles' : 'Scopes', token.permissions.length === 0 ? '(none)' : token.permissions.join(' ')])
  const verdict = token.isEnough ? style.green('✔ enough') : style.red('✖ not enough')
  const lines = [style.bold('Token'), ...aligned(facts, style, width), ...hanging(`  ${verdict}: ${token.reasons.join('; ')}`, width)]
  if (token.switchTo !== undefined) {
    lines.push(...hanging(`  Use ${SCHEME_LABELS[token.switchTo.scheme].toLowerCase()} instead: least privileged ${token.switchTo.permission}`, width))
  }
  const advice = token.advice
  if (advice === undefined) return lines
  const others = advice.alternatives.length > 0 ? ` (or any of: ${advice.alternatives.join(', ')})` : ''
  lines.push('', style.bold('To fix'), ...hanging(`  Add ${style.bold(advice.add.name)} (${advice.add.scheme === 'Application' ? 'application' : 'delegated'})${others}.`, width))
  lines.push(...hanging(`  Admin consent: ${advice.needsAdminConsent ? 'needed (an administrator must grant it)' : 'not needed (the user can consent)'}`, width))
  if (advice.grant.adminConsentUrl !== undefined) {
    lines.push(...hanging(`  Admin-consent URL${advice.needsAdminConsent ? '' : ' (optional: consents for every user of the tenant)'}: ${advice.grant.adminConsentUrl}`, width))
  }
  lines.push('  Azure CLI:', ...advice.grant.azureCli.map((line) => `    ${line}`))
  lines.push('  Microsoft Graph PowerShell:', ...advice.grant.powershell.map((line) => `    ${line}`))
  lines.push(...hanging(`  Then get a new token: ${advice.add.scheme === 'Application' ? 'app roles appear in roles' : 'the scope appears in scp'} only in tokens issued after consent.`, width))
  return lines
}
