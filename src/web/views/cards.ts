/**
 * Finding cards: cause, evidence and fix of one finding, with copy buttons for its actions (consent
 * URL, az and PowerShell commands, MSAL code). The fix steps are split by the renderers' own
 * `fixParts`, so commands appear whole, as in the text and Markdown output.
 */
import type { DiagnosisResult, Finding } from '../../core/types.js'
import { fixParts } from '../../render/diagnosis/fix-parts.js'
import { describeRequest, describeStatus, isNothingRead } from '../../render/diagnosis/text-parts.js'
import { el, prose } from '../dom.js'
import { codeBlock, copyButton } from './copy.js'
import { msalCode } from './msal-code.js'

let cardCount = 0
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const

function evidenceList(finding: Finding): HTMLElement | undefined {
  if (finding.evidence.length === 0) return undefined
  const items = finding.evidence.map((item) =>
    el('li', {}, el('span', { class: 'evidence-field' }, `${item.field} (${item.source})`), ': ', el('span', { class: 'evidence-value' }, item.value), item.note === undefined ? undefined : el('span', { class: 'note' }, ` — ${item.note}`)),
  )
  return el('section', { class: 'evidence' }, el('h4', {}, 'Evidence'), el('ul', {}, ...items))
}

/** What a copy button of a code block copies, for its label. */
function codeWhat(lines: readonly string[], language: string): string {
  if (language === 'powershell') return 'the PowerShell commands'
  if (lines[0]?.startsWith('az ') === true) return 'the az commands'
  return 'the command'
}

function fixStep(step: string, shownCode: Set<string>): HTMLElement {
  const item = el('li')
  for (const part of fixParts(step)) {
    if (part.kind === 'text') {
      item.appendChild(el('p', {}, prose(part.text)))
      continue
    }
    shownCode.add(part.lines.join('\n'))
    item.appendChild(codeBlock(part.lines, codeWhat(part.lines, part.language), part.language))
  }
  return item
}

/** The fix's actions that its steps do not already show: consent URL, commands, MSAL code, role. */
function actionBlocks(finding: Finding, appOnly: boolean, shownCode: ReadonlySet<string>): HTMLElement | undefined {
  const actions = finding.actions
  if (actions === undefined) return undefined
  const isNew = (lines: readonly string[] | undefined): lines is readonly string[] => lines !== undefined && lines.length > 0 && !shownCode.has(lines.join('\n'))
  const blocks: HTMLElement[] = []
  if (actions.consentUrl !== undefined) {
    blocks.push(
      el('div', { class: 'action' }, el('h5', {}, 'Admin-consent URL'), el('div', { class: 'code-block' }, el('a', { href: actions.consentUrl, target: '_blank', rel: 'noopener noreferrer', class: 'consent-url' }, actions.consentUrl), copyButton(actions.consentUrl, 'the admin-consent URL'))),
    )
  }
  if (isNew(actions.azCli)) blocks.push(el('div', { class: 'action' }, el('h5', {}, 'Azure CLI'), codeBlock(actions.azCli, 'the az commands', 'sh')))
  if (isNew(actions.powershell)) blocks.push(el('div', { class: 'action' }, el('h5', {}, 'Microsoft Graph PowerShell'), codeBlock(actions.powershell, 'the PowerShell commands', 'powershell')))
  if (actions.scopes !== undefined && actions.scopes.length > 0) blocks.push(el('div', { class: 'action' }, el('h5', {}, 'MSAL'), codeBlock(msalCode(actions.scopes, appOnly), 'the MSAL code', 'js')))
  if (actions.roleToAssign !== undefined) {
    const role = actions.roleToAssign
    blocks.push(el('div', { class: 'action' }, el('h5', {}, 'Directory role'), el('p', {}, `Assign ${role.name}${role.templateId === undefined ? '' : ` (template ${role.templateId})`} to the ${role.assignee === 'app' ? "app's service principal" : 'signed-in user'}.`)))
  }
  return blocks.length === 0 ? undefined : el('section', { class: 'actions-list' }, el('h4', {}, 'Copy and run'), ...blocks)
}

function permissionLine(finding: Finding): HTMLElement | undefined {
  const permission = finding.permission
  if (permission === undefined) return undefined
  const least = permission.leastPrivileged ?? '(none for this scheme)'
  const granted = permission.granted.length === 0 ? 'none' : permission.granted.join(', ')
  return el('p', { class: 'permission' }, 'Least privileged (', permission.scheme, '): ', el('code', {}, least), `; the token holds: ${granted}.`)
}

/**
 * One finding as a card; `result` gives the token kind (for the MSAL code).
 *
 * @example
 * list.append(findingCard(result.findings[0], result))
 */
export function findingCard(finding: Finding, result: DiagnosisResult): HTMLElement {
  cardCount += 1
  const headingId = `finding-${cardCount}`
  const appOnly = result.token?.kind === 'app-only'
  const shownCode = new Set<string>()
  const steps = finding.fix.map((step) => fixStep(step, shownCode))
  const links = finding.links.map((link) => el('li', {}, el('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer' }, link.title)))
  return el(
    'article',
    { class: `card severity-${finding.severity}`, 'aria-labelledby': headingId, 'data-finding': finding.id },
    el('header', { class: 'card-header' }, el('span', { class: `badge badge-${finding.severity}` }, SEVERITY_LABEL[finding.severity]), el('h3', { id: headingId }, finding.title), el('code', { class: 'finding-id' }, finding.id)),
    el('p', { class: 'detail' }, prose(finding.detail)),
    permissionLine(finding),
    evidenceList(finding),
    steps.length === 0 ? undefined : el('section', { class: 'fix' }, el('h4', {}, 'Fix'), el('ol', {}, ...steps)),
    actionBlocks(finding, appOnly, shownCode),
    links.length === 0 ? undefined : el('section', { class: 'links' }, el('h4', {}, 'References'), el('ul', {}, ...links)),
  )
}

/** All findings of one result under a line naming the call. */
export function resultCards(result: DiagnosisResult): HTMLElement {
  const findings = result.findings.map((finding) => findingCard(finding, result))
  return el(
    'div',
    { class: 'result' },
    isNothingRead(result) ? el('p', { class: 'call' }, el('span', { class: 'source' }, result.source)) : el('p', { class: 'call' }, el('code', {}, describeRequest(result)), ` → ${describeStatus(result)}`, el('span', { class: 'source' }, ` (${result.source})`)),
    ...(findings.length === 0 ? [el('p', {}, 'No findings: nothing in this exchange points to an authorization problem.')] : findings),
  )
}
