/**
 * The token view, like jwt.ms but aware of Graph: the headline and verdict facts of `graph-doctor
 * token` (which API, which kind, which permissions, valid until when), the header, and every claim
 * with its meaning. The signature only as its length.
 */
import { describeTokenTime, displayHeader, tokenHeadline } from '../../render/token/json.js'
import { tokenFacts } from '../../render/token/text.js'
import { el } from '../dom.js'
import type { TokenView } from '../protocol.js'

function factTable(caption: string, rows: ReadonlyArray<readonly [string, string]>, className: string): HTMLTableElement {
  return el(
    'table',
    { class: className },
    el('caption', {}, caption),
    el('tbody', {}, ...rows.map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value)))),
  )
}

/** The whole token view for one analysed token. */
export function tokenViewElement(view: TokenView): HTMLElement {
  const { analysis, time, claims } = view
  const timeClass = time.state === 'valid' ? 'ok' : time.state === 'unknown' ? '' : 'bad'
  const header: Array<[string, string]> = Object.entries(displayHeader(analysis))
  if (analysis.signatureLength !== undefined) header.push(['signature', `${analysis.signatureLength} chars (not shown, not verified)`])
  const aud = analysis.audience
  const facts: Array<[string, string]> = [...(aud === undefined ? [] : [['API (aud)', `${aud.name} (${aud.value})`] as [string, string]]), ...tokenFacts(analysis, time)]
  const claimRows = claims.map((claim) => el('tr', {}, el('th', { scope: 'row' }, el('code', {}, claim.claim)), el('td', { class: 'claim-value' }, claim.value), el('td', {}, claim.meaning)))
  return el(
    'section',
    { class: 'token-view', 'aria-labelledby': 'token-headline' },
    el('h3', { id: 'token-headline' }, tokenHeadline(analysis)),
    el('p', { class: `token-time ${timeClass}` }, facts.find(([label]) => label === 'Valid until')?.[1] ?? describeTokenTime(analysis, time)),
    factTable('Verdict', facts, 'facts'),
    header.length === 0 ? undefined : factTable('Header', header, 'facts token-header'),
    claims.length === 0
      ? undefined
      : el('table', { class: 'claims' }, el('caption', {}, 'Claims'), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Claim'), el('th', { scope: 'col' }, 'Value'), el('th', { scope: 'col' }, 'Meaning'))), el('tbody', {}, ...claimRows)),
  )
}
