/**
 * What the engine says about one distinct group of logged calls (method, path shape, status and
 * the caller's claims): diagnosed once, whatever the number of records in the group.
 */
import type { Diagnoser } from '../diagnose.js'
import type { Exchange } from '../exchange.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import type { PrincipalClaims } from '../token/principal.js'
import type { TokenKind } from '../token/types.js'
import type { DiagnosisResult, PermissionScheme, Severity } from '../types.js'
import { pathShape } from '../kql/path-shape.js'
import { ownText } from './state.js'

/** The cause id of a failed call for which no rule had anything to say. */
export const UNEXPLAINED = 'unexplained'

export interface Verdict {
  readonly failed: boolean
  /** The most probable cause (finding id) of a failure, or null for a success. */
  readonly cause: string | null
  readonly severity: Severity
  /** The catalogue template the call matched, or its path shape when none did. */
  readonly template: string
  /** The least-privileged permission the call lacked, when that is the cause. */
  readonly missing: string | null
  readonly scheme: PermissionScheme | null
}

/** The permission scheme a token kind is judged under (a log's principal is always a work account). */
export function schemeOfKind(kind: TokenKind): PermissionScheme | null {
  if (kind === 'app-only') return 'Application'
  return kind === 'delegated' ? 'DelegatedWork' : null
}

/** The catalogue template of a call, or its path shape when the catalogue does not know it. */
export function templateOf(catalogue: PermissionCatalogue | undefined, method: string, url: string): string {
  const endpoint = catalogue?.lookup(method, url)
  if (endpoint !== undefined) return endpoint.template
  const shape = pathShape(url)
  return shape.startsWith('/') ? shape : `/${shape}`
}

/**
 * Diagnose one logged call standing for its whole group. `templates` remembers the template of each
 * `METHOD url` looked up (groups of other apps, statuses or claims on the same endpoint share it).
 */
export function judgeLoggedCall(
  diagnoser: Diagnoser,
  catalogue: PermissionCatalogue | undefined,
  call: { method: string; url: string; status: number; principal: PrincipalClaims; source: string },
  templates?: Map<string, string>,
): Verdict {
  const endpoint = `${call.method} ${call.url}`
  let template = templates?.get(endpoint)
  if (template === undefined) {
    template = ownText(templateOf(catalogue, call.method, call.url))
    templates?.set(ownText(endpoint), template)
  }
  const scheme = schemeOfKind(call.principal.kind)
  // A success needs no diagnosis: only its endpoint and scheme count (for the least-privilege audit).
  if (call.status > 0 && call.status < 400) return verdictOf(undefined, call.status, template, scheme)
  const exchange: Exchange = {
    source: call.source,
    format: 'activity-log',
    request: { method: call.method, url: call.url, headers: [], headersOmitted: true },
    response: { status: call.status, headers: [] },
    principal: call.principal,
  }
  return verdictOf(diagnoser.diagnose(exchange)[0], call.status, template, scheme)
}

/** The verdict of a diagnosis result (a HAR entry's, or a logged call's). */
export function verdictOf(result: DiagnosisResult | undefined, status: number, template: string, scheme: PermissionScheme | null): Verdict {
  const failed = status >= 400 || status === 0
  if (!failed || result === undefined) return { failed, cause: failed ? UNEXPLAINED : null, severity: failed ? 'warning' : 'info', template, missing: null, scheme }
  const main = result.findings.find((finding) => finding.severity === 'error') ?? result.findings[0]
  if (main === undefined) return { failed, cause: UNEXPLAINED, severity: 'warning', template, missing: null, scheme }
  const missing = main.id === 'permission-missing' ? (main.permission?.leastPrivileged ?? null) : null
  return { failed, cause: main.id, severity: main.severity, template, missing, scheme: main.permission?.scheme ?? scheme }
}
