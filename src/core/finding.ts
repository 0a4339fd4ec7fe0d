import { catalogue } from './catalogue.js'
import type { FindingId } from './catalogue.js'
import { redactSecrets } from './redact.js'
import { memoizeRedaction } from './redact/memo.js'
import type { Evidence, Finding, FixActions, Link, PermissionSummary, Severity } from './types.js'

/** What a rule says about one finding; title, severity and the default links come from the catalogue. */
export interface FindingParts {
  readonly detail: string
  readonly evidence: readonly Evidence[]
  readonly fix: readonly string[]
  /** The fix as data; left out when it holds nothing. */
  readonly actions?: FixActions
  /** Extra links, shown before the catalogue's own. */
  readonly links?: readonly Link[]
  readonly permission?: PermissionSummary
}

/**
 * Build a finding of a catalogue id. Every text passes through `redactSecrets` as a safety net, so a
 * token that slipped into a message or header value never reaches the output.
 *
 * @example
 * makeFinding('token-missing', { detail: 'No Authorization header.', evidence: [], fix: ['Attach the token.'] })
 */
export function makeFinding(id: FindingId, parts: FindingParts): Finding {
  const info = catalogue[id]
  const finding: Finding = {
    id,
    severity: info.severity,
    title: info.title,
    detail: redactOnce(parts.detail),
    evidence: parts.evidence.map(redactEvidence),
    fix: parts.fix.map(redactOnce),
    ...(parts.actions === undefined || Object.keys(parts.actions).length === 0 ? {} : { actions: parts.actions }),
    links: mergeLinks(parts.links ?? [], info.links),
  }
  return parts.permission === undefined ? finding : { ...finding, permission: parts.permission }
}

/** Shorthand for one piece of evidence. */
export function evidence(source: Evidence['source'], field: string, value: string, note?: string): Evidence {
  return note === undefined ? { source, field, value } : { source, field, value, note }
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** Most probable cause first: errors before warnings before info, then the catalogue rank. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || catalogue[a.id].rank - catalogue[b.id].rank,
  )
}

/** Details, fix steps and evidence repeat across the entries of a capture: each distinct text is scanned once. */
const redactOnce = memoizeRedaction(redactSecrets)

function redactEvidence(item: Evidence): Evidence {
  const value = redactOnce(item.value)
  if (item.note === undefined) return { ...item, value }
  return { ...item, value, note: redactOnce(item.note) }
}

function mergeLinks(first: readonly Link[], second: readonly Link[]): Link[] {
  const seen = new Set<string>()
  const merged: Link[] = []
  for (const link of [...first, ...second]) {
    if (seen.has(link.url)) continue
    seen.add(link.url)
    merged.push(link)
  }
  return merged
}
