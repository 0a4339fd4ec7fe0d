/**
 * The permission lookup's answer, shaped like the Graph docs tables (the cells of `graph-doctor
 * perms`), and with a token, whether it is enough and what to add.
 */
import { SCHEME_LABELS, SCHEMES, type PermsReport, type TokenVerdict } from '../../render/perms/report.js'
import { adminConsentLabel, describeFallback, detailRows, schemeCells } from '../../render/perms/text.js'
import { el } from '../dom.js'
import type { PermsAnswer } from '../protocol.js'
import { codeBlock, copyButton } from './copy.js'

function schemeTable(report: PermsReport): HTMLTableElement {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Permission type'), el('th', { scope: 'col' }, 'Least privileged'), el('th', { scope: 'col' }, 'Higher privileged'))
  const rows = SCHEMES.map((scheme) => {
    const cells = schemeCells(report, scheme)
    return el('tr', { 'data-scheme': scheme }, el('th', { scope: 'row' }, SCHEME_LABELS[scheme]), el('td', { class: 'least' }, cells.least), el('td', {}, cells.higher))
  })
  return el('table', { class: 'perms-table' }, el('caption', {}, 'Permissions per scheme'), el('thead', {}, head), el('tbody', {}, ...rows))
}

function detailTable(report: PermsReport): HTMLElement | undefined {
  const rows = detailRows(report)
  if (rows.length === 0) return undefined
  const head = el('tr', {}, ...['Permission', 'Type', 'Admin consent', 'GUID', 'Also requires'].map((name) => el('th', { scope: 'col' }, name)))
  const body = rows.map((row) =>
    el('tr', {}, el('td', {}, row.name), el('td', {}, row.scheme === 'Application' ? 'Application' : 'Delegated'), el('td', {}, adminConsentLabel(row)), el('td', { class: 'guid' }, row.id ?? 'unknown'), el('td', {}, row.alsoRequires.length > 0 ? `one of ${row.alsoRequires.join(', ')}` : '')),
  )
  return el('details', { class: 'perm-details' }, el('summary', {}, 'Details: admin consent, GUIDs'), el('div', { class: 'table-scroll' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...body))))
}

function tokenVerdict(token: TokenVerdict): HTMLElement {
  const held = token.permissions.length === 0 ? '(none)' : token.permissions.join(' ')
  const advice = token.advice
  const parts: Array<HTMLElement | undefined> = [
    el('p', { class: `verdict ${token.isEnough ? 'ok' : 'bad'}`, 'data-enough': String(token.isEnough) }, el('strong', {}, token.isEnough ? 'The token is enough' : 'The token is not enough'), `: ${token.reasons.join('; ')}.`),
    el('p', {}, `${token.kind === 'app-only' ? 'Roles' : 'Scopes'} in the token: ${held}`),
    token.switchTo === undefined ? undefined : el('p', {}, `Use ${SCHEME_LABELS[token.switchTo.scheme].toLowerCase()} instead: least privileged ${token.switchTo.permission}.`),
  ]
  if (advice !== undefined) {
    const others = advice.alternatives.length > 0 ? ` (or any of ${advice.alternatives.join(', ')})` : ''
    parts.push(el('p', {}, `Add ${advice.add.name}${others}. Admin consent: ${advice.needsAdminConsent ? 'needed' : 'not needed'}.`))
    const url = advice.grant.adminConsentUrl
    if (url !== undefined) parts.push(el('div', { class: 'code-block' }, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'consent-url' }, url), copyButton(url, 'the admin-consent URL')))
    parts.push(el('h4', {}, 'Azure CLI'), codeBlock(advice.grant.azureCli, 'the az commands', 'sh'), el('h4', {}, 'Microsoft Graph PowerShell'), codeBlock(advice.grant.powershell, 'the PowerShell commands', 'powershell'))
  }
  return el('section', { class: 'token-verdict' }, el('h3', {}, 'Token'), ...parts.filter((part): part is HTMLElement => part !== undefined))
}

/** The answer of one lookup. */
export function permsAnswerElement(answer: PermsAnswer): HTMLElement {
  if (!answer.matched) return el('div', { class: 'perms-answer' }, el('p', {}, `No endpoint in the Microsoft Graph permission data matches ${answer.method} ${answer.url}.`), el('p', {}, answer.hint))
  const { report } = answer
  const { endpoint } = report
  return el(
    'div',
    { class: 'perms-answer' },
    el('h3', {}, el('code', { class: 'template' }, `${report.method} ${endpoint.template}`)),
    el('p', {}, `Request ${report.method} ${report.url}, ${describeFallback(endpoint.fallback)}. API version: ${report.apiVersion.version ?? 'not given'} (${report.apiVersion.note}).`),
    ...endpoint.notes.map((note) => el('p', { class: 'note' }, note)),
    el('div', { class: 'table-scroll' }, schemeTable(report)),
    detailTable(report),
    report.token === undefined ? undefined : tokenVerdict(report.token),
  )
}
