/**
 * Output of `graph-doctor token`: the analysis of one access token. Claims are shown; the signature
 * only as its length; the header nonce only as present.
 */
import { jsonText } from '../../core/json-text.js'
import { redactSecrets } from '../../core/redact.js'
import { formatDuration } from '../../core/token/time.js'
import type { ClaimExplanation, TokenAnalysis, TokenTimeJudgement } from '../../core/token/types.js'
import { stringifyRedacted } from '../diagnosis/json.js'

/** Everything the token renderers show; built by the CLI from the core token functions. */
export interface TokenReport {
  readonly analysis: TokenAnalysis
  readonly time: TokenTimeJudgement
  readonly claims: readonly ClaimExplanation[]
  /** `summarizeToken(analysis)`: the JSON-serialisable summary. */
  readonly summary: unknown
}

export { formatDuration }

/**
 * The lifetime at the judged time, e.g. `valid at 2026-… (expires in 55 min)`. An expired token names
 * its `exp` first: `EXPIRED at <exp>: 1 h before <judged time>`.
 */
export function describeTokenTime(analysis: TokenAnalysis, time: TokenTimeJudgement): string {
  const at = time.at
  const off = formatDuration(time.offBySeconds)
  if (time.state === 'expired') {
    const exp = isoTime(analysis.expiresAt)
    return exp === undefined ? `EXPIRED ${off} before ${at}` : `EXPIRED at ${exp}: ${off} before ${at}`
  }
  if (time.state === 'not-yet-valid') {
    const nbf = isoTime(analysis.notBefore)
    return `NOT YET VALID at ${at}: valid only from ${nbf ?? 'its nbf'}, ${off} later (clock skew?)`
  }
  if (time.state === 'unknown') return `lifetime unknown (no exp claim), judged at ${at}`
  if (analysis.expiresAt === undefined) return `valid at ${at}`
  const left = analysis.expiresAt - Date.parse(at) / 1000
  return `valid at ${at} (expires in ${formatDuration(left)})`
}

/** ISO time of a Unix-seconds claim, or undefined. */
export function isoTime(seconds: number | undefined): string | undefined {
  return seconds === undefined || !Number.isFinite(seconds) ? undefined : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

/** The header fields to show: every field, the nonce only as present (it cannot be verified anyway). */
export function displayHeader(analysis: TokenAnalysis): Record<string, string> {
  const shown: Record<string, string> = {}
  for (const [name, value] of Object.entries(analysis.header ?? {})) {
    const text = typeof value === 'string' ? value : jsonText(value)
    shown[name] = name === 'nonce' ? `present (${text.length} chars): a Graph token, not signature-verifiable by third parties` : text
  }
  return shown
}

/** The headline, the API the token is for: `JWT access token (v1.0) for Microsoft Graph (global)`. */
export function tokenHeadline(analysis: TokenAnalysis): string {
  const account = { work: 'work or school account', personal: 'personal Microsoft account', unknown: 'account type unknown' }[analysis.account]
  if (analysis.form === 'opaque') return `Opaque token (not a JWT, ${analysis.length} chars): ${account}; its claims cannot be read`
  const what = analysis.isIdToken ? 'JWT ID token' : 'JWT access token'
  const version = analysis.version === undefined ? '' : ` (v${analysis.version})`
  const api = analysis.audience === undefined ? 'an unknown API (no aud claim)' : analysis.audience.name
  return `${what}${version} for ${api}`
}

/**
 * The token report as JSON: `{ version, token (the summary), header, signatureLength, time, claims }`.
 *
 * @example
 * JSON.parse(renderTokenJson(report)).time.state // 'valid'
 */
export function renderTokenJson(report: TokenReport): string {
  const { analysis, time } = report
  return stringifyRedacted({
    version: 1,
    token: report.summary,
    header: displayHeader(analysis),
    signatureLength: analysis.signatureLength ?? null,
    time: { state: time.state, at: time.at, offBySeconds: time.offBySeconds, description: describeTokenTime(analysis, time) },
    claims: report.claims.map(({ claim, value, meaning }) => ({ claim, value, meaning })),
  })
}

/** Redact a whole rendered token report (last safety net). */
export function finishTokenOutput(text: string): string {
  return `${redactSecrets(text.trimEnd())}\n`
}
